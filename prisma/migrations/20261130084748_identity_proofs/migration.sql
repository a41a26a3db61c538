-- AlterTable
ALTER TABLE "Booking" ADD COLUMN     "contactEmail" TEXT,
ADD COLUMN     "contactName" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "contactPhone" TEXT;

-- AlterTable
ALTER TABLE "Customer" ADD COLUMN     "originConversationId" TEXT,
ADD COLUMN     "verified" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "Proof" (
    "conversationId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "via" TEXT NOT NULL,
    "expiresAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Proof_pkey" PRIMARY KEY ("conversationId","kind","value")
);

-- CreateIndex
CREATE INDEX "Proof_kind_value_idx" ON "Proof"("kind", "value");

-- CreateIndex
CREATE INDEX "Booking_conversationId_idx" ON "Booking"("conversationId");

-- CreateIndex
CREATE INDEX "Booking_contactPhone_idx" ON "Booking"("contactPhone");

-- CreateIndex
CREATE INDEX "Booking_contactEmail_idx" ON "Booking"("contactEmail");

-- CreateIndex
CREATE INDEX "VerificationCode_target_createdAt_idx" ON "VerificationCode"("target", "createdAt");

-- Data: every booking keeps the contact details its customer record holds now (no booking is lost or
-- changed otherwise).
UPDATE "Booking" b SET "contactName" = c."name", "contactEmail" = lower(c."email"), "contactPhone" = c."phone"
  FROM "Customer" c WHERE c."id" = b."customerId";

-- Codes typed back before this change become proofs (they were marked with codeHash 'ok').
INSERT INTO "Proof" ("conversationId", "kind", "value", "via", "expiresAt", "createdAt")
SELECT DISTINCT ON (v."conversationId", v."target") v."conversationId",
       CASE WHEN position('@' in v."target") > 0 THEN 'email' ELSE 'phone' END,
       CASE WHEN position('@' in v."target") > 0 THEN lower(v."target") ELSE v."target" END,
       'code', v."expiresAt", v."createdAt"
  FROM "VerificationCode" v WHERE v."codeHash" = 'ok'
  ORDER BY v."conversationId", v."target", v."expiresAt" DESC
ON CONFLICT DO NOTHING;
DELETE FROM "VerificationCode" WHERE "codeHash" = 'ok';

-- A customer record was shared by anyone who typed its phone: it now belongs to the conversation that
-- made it first. Other conversations keep their link only when they proved that phone (their own
-- SMS/WhatsApp number or a code).
UPDATE "Customer" c SET "originConversationId" = (
  SELECT v."id" FROM "Conversation" v WHERE v."customerId" = c."id" ORDER BY v."createdAt" ASC LIMIT 1);
UPDATE "Conversation" v SET "customerId" = NULL
  FROM "Customer" c
 WHERE c."id" = v."customerId" AND c."originConversationId" IS DISTINCT FROM v."id"
   AND NOT (v."channel" IN ('sms', 'whatsapp') AND regexp_replace(v."externalId", '^whatsapp:', '') = c."phone")
   AND NOT EXISTS (SELECT 1 FROM "Proof" p WHERE p."conversationId" = v."id" AND
         ((p."kind" = 'phone' AND p."value" = c."phone") OR (p."kind" = 'email' AND p."value" = lower(c."email"))));
