"use client";

// Keyboard shortcuts of the incident list (peers.md §2.3) and the "?" dialog that lists them. Keys typed into a field
// are never taken: shortcuts only act when the focus is on the page, a row, or a link or button.
import { useEffect, useRef } from "react";

export interface Shortcut {
  keys: string[];
  does: string;
  /** Only where rows can be selected (the Service Desk queue). */
  deskOnly?: boolean;
}

export const SHORTCUTS: Shortcut[] = [
  { keys: ["j"], does: "Move down to the next incident" },
  { keys: ["k"], does: "Move up to the previous incident" },
  { keys: ["o", "Enter"], does: "Open the incident" },
  { keys: ["x"], does: "Select or unselect the incident", deskOnly: true },
  { keys: ["a"], does: "Go to the bulk assign control (with incidents selected)", deskOnly: true },
  { keys: ["n"], does: "Go to the bulk note (with incidents selected)", deskOnly: true },
  { keys: ["/"], does: "Go to the search box" },
  { keys: ["?"], does: "Show this list of shortcuts" },
  { keys: ["Esc"], does: "Close this list" },
];

/** Is the key meant for a field (typing), not for the page? */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  return !!target.closest("input, textarea, select, [contenteditable='true'], [role='textbox']");
}

function focusById(id: string) {
  const el = document.getElementById(id);
  if (!el) return false;
  el.focus();
  if (el instanceof HTMLInputElement) el.select();
  return true;
}

export interface ShortcutHandlers {
  rowCount: number;
  selectable: boolean;
  /** The row with the keyboard focus (-1: none yet). */
  cursor: number;
  moveTo: (index: number) => void;
  open: (index: number) => void;
  toggle: (index: number) => void;
  openHelp: () => void;
  isHelpOpen: () => boolean;
}

export function useQueueShortcuts(handlers: ShortcutHandlers) {
  const latest = useRef(handlers);
  useEffect(() => {
    latest.current = handlers;
  });
  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      const h = latest.current;
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
      if (isTyping(event.target) || h.isHelpOpen()) return;
      const onRowOrPage = event.target === document.body || (event.target instanceof HTMLElement && event.target.dataset.queueRow !== undefined);
      const last = h.rowCount - 1;
      switch (event.key) {
        case "j":
          if (h.rowCount) h.moveTo(Math.min(last, h.cursor + 1));
          break;
        case "k":
          if (h.rowCount) h.moveTo(h.cursor < 0 ? 0 : Math.max(0, h.cursor - 1));
          break;
        case "o":
          if (h.cursor >= 0) h.open(h.cursor);
          break;
        case "Enter":
          // On a link or button, Enter keeps its own meaning.
          if (!onRowOrPage || h.cursor < 0) return;
          h.open(h.cursor);
          break;
        case "x":
          if (!h.selectable || h.cursor < 0) return;
          h.toggle(h.cursor);
          break;
        case "a":
          if (!h.selectable || !focusById("bulk-assign-group")) return;
          break;
        case "n":
          if (!h.selectable || !focusById("bulk-note")) return;
          break;
        case "/":
          if (!focusById("q")) return;
          break;
        case "?":
          h.openHelp();
          break;
        default:
          return;
      }
      event.preventDefault();
    }
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, []);
}

function Key({ children }: { children: React.ReactNode }) {
  return <kbd className="rounded border border-slate-300 bg-slate-50 px-1.5 py-0.5 font-mono text-xs text-slate-800 shadow-sm">{children}</kbd>;
}

export function ShortcutHelp({ dialogRef, selectable }: { dialogRef: React.RefObject<HTMLDialogElement | null>; selectable: boolean }) {
  return (
    <dialog
      ref={dialogRef}
      aria-labelledby="shortcut-help-title"
      data-testid="shortcut-help"
      className="m-auto w-full max-w-md rounded-lg border border-slate-200 bg-white p-5 shadow-xl backdrop:bg-slate-900/40"
      onClick={(event) => {
        // A click on the backdrop (outside the box) closes it.
        if (event.target === event.currentTarget) event.currentTarget.close();
      }}
    >
      <h2 id="shortcut-help-title" className="mb-3 text-base font-semibold">
        Keyboard shortcuts
      </h2>
      <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-2 text-sm">
        {SHORTCUTS.filter((s) => selectable || !s.deskOnly).map((s) => (
          <div key={s.does} className="contents">
            <dt className="flex gap-1">
              {s.keys.map((k, i) => (
                <span key={k} className="flex items-center gap-1">
                  {i > 0 ? <span className="text-xs text-slate-500">or</span> : null}
                  <Key>{k}</Key>
                </span>
              ))}
            </dt>
            <dd className="text-slate-700">{s.does}</dd>
          </div>
        ))}
      </dl>
      <p className="mt-3 text-xs text-slate-500">Shortcuts do nothing while you are typing in a field.</p>
      <form method="dialog" className="mt-4 text-right">
        <button type="submit" className="rounded-md border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-100" autoFocus>
          Close
        </button>
      </form>
    </dialog>
  );
}
