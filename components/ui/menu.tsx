"use client";

// A compact toolbar menu: a <details> whose panel floats over the page (so opening it moves nothing), closed again by
// Escape or a click outside it. Keyboard users reach it as a button (the <summary>) and tab through its contents.
import { useEffect, useRef } from "react";

export function DisclosureMenu({
  summary,
  children,
  defaultOpen = false,
  align = "right",
  testId,
}: {
  summary: React.ReactNode;
  children: React.ReactNode;
  defaultOpen?: boolean;
  align?: "left" | "right";
  testId?: string;
}) {
  const ref = useRef<HTMLDetailsElement | null>(null);
  useEffect(() => {
    const close = (focusSummary: boolean) => {
      const el = ref.current;
      if (!el?.open) return;
      el.open = false;
      if (focusSummary) el.querySelector("summary")?.focus();
    };
    const onPointer = (event: PointerEvent) => {
      if (!ref.current?.contains(event.target as Node)) close(false);
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Escape" && ref.current?.contains(document.activeElement)) close(true);
    };
    document.addEventListener("pointerdown", onPointer);
    document.addEventListener("keydown", onKey);
    return () => {
      document.removeEventListener("pointerdown", onPointer);
      document.removeEventListener("keydown", onKey);
    };
  }, []);
  return (
    <details ref={ref} open={defaultOpen || undefined} className="group relative" data-testid={testId}>
      <summary className="flex cursor-pointer list-none items-center gap-1 rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 shadow-sm hover:bg-slate-50 [&::-webkit-details-marker]:hidden">
        {summary}
        <span aria-hidden className="text-xs text-slate-500 transition-transform group-open:rotate-180">
          ▾
        </span>
      </summary>
      <div className={`absolute z-30 mt-1 w-96 max-w-[90vw] rounded-lg border border-slate-200 bg-white p-3 shadow-lg ${align === "right" ? "right-0" : "left-0"}`}>{children}</div>
    </details>
  );
}
