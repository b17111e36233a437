// Ledger entries and requests shaped as Rust sends them, for the ledger's tests.
import type { Kind, LedgerEntry, RequestRow } from "../lib/bindings";

let seq = 0;

export function shareEntry(bundleId: string, value: Partial<LedgerEntry> = {}): LedgerEntry {
  seq += 1;
  return {
    seq,
    at: "2026-11-20T10:00:00Z",
    action: "profile-share",
    bundleId,
    bundleSha256: "ab".repeat(32),
    recipientId: "r1",
    organisation: "Fjordkraft Data AS",
    organisationNumber: "987654321",
    privacyContact: "personvern@fjordkraft.example",
    privacyPolicyUrl: "https://fjordkraft.example/personvern",
    fingerprint: "7KQ2-M9XD-AB12-CD34-EF56",
    view: "full",
    signedAs: "identity",
    fields: ["basics.name", "skills[0].name"],
    documents: [],
    expiresAt: "2027-02-18T10:00:00Z",
    purpose: "Backend developer",
    sealing: "recipient",
    prevHash: "",
    ...value,
  };
}

/** A request about `bundles`, sent on 23 November 2026 and due a month later. */
export function requestRow(id: string, bundles: string[], value: Partial<RequestRow> = {}, action: Kind = "deletion-request"): RequestRow {
  return {
    entry: shareEntry(id, {
      at: "2026-11-23T10:00:00Z",
      action,
      fields: [],
      expiresAt: null,
      purpose: action,
      refersTo: bundles,
      dueAt: "2026-12-23T10:00:00Z",
    }),
    state: "sent",
    dueAt: "2026-12-23T10:00:00Z",
    overdue: false,
    answer: null,
    ...value,
  };
}

/** The same request, answered: the bundles it named deleted on 1 December 2026. */
export function deleted(row: RequestRow): RequestRow {
  return {
    ...row,
    state: "answered",
    answer: { answeredAt: "2026-12-01T09:00:00Z", outcome: "deleted", bundles: row.entry.refersTo ?? [], reason: null, tombstoned: row.entry.refersTo ?? [] },
  };
}
