-- The Signed Pre-Command's Command Variant: a held SPC released from quarantine goes where it asked (5 Device, 6 User, 7 both).
ALTER TABLE "ServiceRequest" ADD COLUMN "spcCommandVariant" INTEGER;

-- Requests already signed: their SPC's Command Variant, read from the stored Signed Pre-Command.
UPDATE "ServiceRequest" SET "spcCommandVariant" = substring("spcXml" from 'CommandVariant>\s*([567])\s*<')::int WHERE "spcXml" IS NOT NULL;
