-- The Service Desk home's trend of open and breached incidents (lib/home/incident-trend.ts) reads the incidents closed
-- within its window: this partial index holds every column it reads, so that is an index-only scan of the recently
-- closed, not a scan of the whole closed history. Raw SQL: schema.prisma cannot express a partial index.
CREATE INDEX "Incident_closed_trend_idx" ON "Incident" ("closedAt", "createdAt", "resolvedAt", "resolutionDueAt", "pausedSince") WHERE "status" = 'CLOSED';
