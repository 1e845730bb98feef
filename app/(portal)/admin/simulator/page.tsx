import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { SimulatorDashboard } from "@/components/simulator/dashboard";
import type { SimulatorJson } from "@/components/simulator/use-simulator";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/policy";
import { requireActor } from "@/lib/auth/session";
import { cplModelOptions } from "@/lib/smi/read-cpl";
import { simulatorState } from "@/lib/simulator/api";
import { MODES } from "@/lib/simulator/behaviours";
import { SCENARIOS } from "@/lib/simulator/traffic";

export const metadata: Metadata = { title: "Device simulator" };
export const dynamic = "force-dynamic";

export default async function SimulatorPage() {
  const actor = await requireActor();
  // The simulator is the DCC's test appliance: to anyone else it does not exist.
  if (!can(actor, "simulator.view")) notFound();
  const [state, models] = [await simulatorState(actor), await cplModelOptions(actor)];
  // The client polls the JSON route: hand it the same shape (dates as strings).
  const initial = JSON.parse(JSON.stringify(state)) as SimulatorJson;
  return (
    <>
      <PageHeader
        title="Device simulator"
        description="Simulated Devices answer every Command sent through the DUIS gateway. Watch the traffic, start scenarios, script how devices answer and inspect one device."
      />
      <SimulatorDashboard
        initial={initial}
        scenarios={Object.entries(SCENARIOS).map(([name, s]) => ({ value: name, label: s.label, description: s.description, ratePerSecond: s.ratePerSecond, total: s.total }))}
        modes={MODES}
        models={models.map((m) => ({ value: m.id, label: `${m.deviceType} ${m.manufacturer} ${m.model} (HW ${m.hardwareVersion}, FW ${m.firmwareVersion})` }))}
      />
    </>
  );
}
