"use client";

import Link from "next/link";
import { useActionState, useState } from "react";
import { importRegistrationFileAction, type RegistrationUploadResult } from "@/app/(portal)/admin/registration/actions";
import { Button } from "@/components/ui/button";
import { Field, FormMessage, Input, Select } from "@/components/ui/form";
import type { RegistrationFileType } from "@/generated/prisma/enums";
import type { ActionResult } from "@/lib/errors";
import { formatCount } from "@/lib/format";

type Option = { value: RegistrationFileType; label: string; hint: string };

function UploadOutcome({ result }: { result: ActionResult<RegistrationUploadResult> | null }) {
  if (!result) return null;
  if (!result.ok || !result.data) return <FormMessage result={result} />;
  const { data } = result;
  const rejected = data.status === "REJECTED";
  return (
    <div
      role="status"
      data-testid="upload-result"
      className={`space-y-2 rounded-md px-3 py-2 text-sm ${rejected ? "bg-red-50 text-red-800" : "bg-green-50 text-green-800"}`}
    >
      <p className="font-medium">{result.message}</p>
      {rejected ? (
        <ul className="list-disc space-y-0.5 pl-5 font-mono text-xs">
          {data.firstErrors.map((e, i) => (
            <li key={i}>{e.message}</li>
          ))}
        </ul>
      ) : null}
      <p>
        <Link href={`/admin/registration/${data.importId}`} className="underline">
          {rejected && data.errorCount > data.firstErrors.length ? `See all ${formatCount(data.errorCount)} errors` : "See the import"}
        </Link>
      </p>
    </div>
  );
}

/** Upload a Registration Data file: the action checks every line, then applies the whole file or nothing. */
export function RegistrationUploadForm({ fileTypes, maxBytes }: { fileTypes: Option[]; maxBytes: number }) {
  const [state, action, pending] = useActionState(importRegistrationFileAction, null);
  const [fileType, setFileType] = useState<RegistrationFileType>("UPDATE");
  const [chosen, setChosen] = useState<{ name: string; size: number } | null>(null);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  const tooLarge = !!chosen && chosen.size > maxBytes;
  const fileError = tooLarge ? `This file is ${(chosen.size / 1024 / 1024).toFixed(1)} MB; the limit is ${maxBytes / 1024 / 1024} MB.` : (errors.file ?? errors.fileName ?? errors.content);
  const hint = fileTypes.find((t) => t.value === fileType)?.hint;

  return (
    <form action={action} className="space-y-4" aria-busy={pending}>
      <UploadOutcome result={state} />
      <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
        <Field label="CSV file" name="file" error={fileError} hint="Comma-separated, UTF-8, with the header row of the template.">
          <Input
            name="file"
            type="file"
            accept=".csv,text/csv"
            required
            disabled={pending}
            error={fileError}
            onChange={(e) => {
              const file = e.currentTarget.files?.[0];
              setChosen(file ? { name: file.name, size: file.size } : null);
            }}
          />
        </Field>
        <Field label="File type" name="fileType" error={errors.fileType} hint={hint}>
          <Select name="fileType" value={fileType} disabled={pending} onChange={(e) => setFileType(e.currentTarget.value as RegistrationFileType)}>
            {fileTypes.map((t) => (
              <option key={t.value} value={t.value}>
                {t.label}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={pending || tooLarge}>
          {pending ? "Importing…" : "Upload and import"}
        </Button>
        {pending ? (
          <div className="flex min-w-64 flex-1 items-center gap-3 text-sm text-slate-600" role="status" aria-live="polite" data-testid="upload-pending">
            <progress className="h-2 w-40 accent-brand-600" aria-label="Importing" />
            <span>
              Uploading and checking {chosen?.name ?? "the file"}… a file of 10,000 lines takes a few seconds.
            </span>
          </div>
        ) : null}
      </div>
    </form>
  );
}
