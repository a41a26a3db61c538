-- AlterTable
ALTER TABLE "Conversation" ADD COLUMN     "erasedAt" TIMESTAMPTZ(3);

-- CreateIndex
CREATE INDEX "Message_createdAt_idx" ON "Message"("createdAt");

-- CreateIndex
CREATE INDEX "TicketMessage_createdAt_idx" ON "TicketMessage"("createdAt");
