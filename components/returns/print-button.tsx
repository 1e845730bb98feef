"use client";

import { Button } from "@/components/ui/button";

/** Prints the page; not itself printed. */
export function PrintButton({ label = "Print" }: { label?: string }) {
  return (
    <Button type="button" onClick={() => window.print()} className="print:hidden" data-testid="print-button">
      {label}
    </Button>
  );
}
