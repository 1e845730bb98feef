import { Badge } from "@/components/ui/card";
import type { AdtSubmissionStatus } from "@/generated/prisma/enums";
import { STATUS_LABELS } from "@/lib/tad/adt-files";

const TONES = { OPEN: "blue", VALIDATION_FAILED: "red", AWAITING_SRO_CONFIRMATION: "amber", APPLIED: "green", DECLINED: "slate" } as const;

export function SmsrStatus({ status }: { status: AdtSubmissionStatus }) {
  return <Badge tone={TONES[status]}>{STATUS_LABELS[status]}</Badge>;
}
