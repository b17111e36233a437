// Validation problems at their fields. A form provides a `FieldProblems` to its inputs
// through the context; each input shows the problems of its dotted path
// (`education[0].courses[1].credits`, the path Rust's validation reports).
import { getContext, setContext } from "svelte";
import type { FieldProblem, IpcError } from "./bindings";

export interface FieldProblems {
  /** Problems by dotted path. */
  byField: Record<string, FieldProblem[]>;
  /** Every problem, in the order reported (for the summary). */
  all: FieldProblem[];
}

const KEY = Symbol("field-problems");

export function emptyProblems(): FieldProblems {
  return { byField: {}, all: [] };
}

export function setProblems(target: FieldProblems, problems: FieldProblem[]): void {
  const byField: Record<string, FieldProblem[]> = {};
  for (const p of problems) (byField[p.field] ??= []).push(p);
  target.byField = byField;
  target.all = problems;
}

/** The error a form shows when Rust's check of its draft found `problems` (never empty). */
export function draftRefused(problems: FieldProblem[]): IpcError {
  return { code: "validation", message: "", field: problems[0].field, params: {}, problems };
}

export function provideFieldProblems(problems: FieldProblems): void {
  setContext(KEY, problems);
}

export function useFieldProblems(): FieldProblems {
  return getContext<FieldProblems | undefined>(KEY) ?? emptyProblems();
}

/** A stable element id for the input at `path`. */
export function fieldId(path: string): string {
  return "field-" + path.replace(/[^A-Za-z0-9]+/g, "-").replace(/-+$/, "");
}

/** Moves the focus to the input at `path`, if it is on the page. */
export function focusField(path: string): boolean {
  const element = document.getElementById(fieldId(path));
  if (!element) return false;
  element.focus();
  element.scrollIntoView?.({ block: "center" });
  return true;
}
