-- The Service Desk home's figures (lib/incidents/read-incidents.ts, deskHomeCounts) in one index-only scan of the
-- incidents not yet closed: a partial index holding every column the counts read, so the home's cost follows the open
-- workload, not the closed history. Partial indexes cannot be written in schema.prisma, hence raw SQL here.
CREATE INDEX "Incident_not_closed_home_idx" ON "Incident" ("category", "status", "resolutionDueAt", "pausedSince", "assigneeId") WHERE "status" <> 'CLOSED';
