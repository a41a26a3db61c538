-- CreateTable
CREATE TABLE "WaitlistEntry" (
    "id" TEXT NOT NULL,
    "businessId" TEXT NOT NULL,
    "serviceId" TEXT NOT NULL,
    "date" TEXT NOT NULL,
    "fromMin" INTEGER NOT NULL DEFAULT 0,
    "toMin" INTEGER NOT NULL DEFAULT 1440,
    "conversationId" TEXT NOT NULL,
    "contactName" TEXT NOT NULL,
    "contactEmail" TEXT,
    "contactPhone" TEXT,
    "lang" TEXT NOT NULL DEFAULT 'sq',
    "status" TEXT NOT NULL DEFAULT 'waiting',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "WaitlistEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WaitlistOffer" (
    "id" TEXT NOT NULL,
    "entryId" TEXT NOT NULL,
    "businessId" TEXT NOT NULL,
    "serviceId" TEXT NOT NULL,
    "start" TIMESTAMPTZ(3) NOT NULL,
    "end" TIMESTAMPTZ(3) NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "heldUntil" TIMESTAMPTZ(3) NOT NULL,
    "notice" TEXT NOT NULL DEFAULT 'queued',
    "noticeAt" TIMESTAMPTZ(3),
    "bookingId" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "WaitlistOffer_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "WaitlistEntry_businessId_status_date_createdAt_idx" ON "WaitlistEntry"("businessId", "status", "date", "createdAt");

-- CreateIndex
CREATE INDEX "WaitlistEntry_conversationId_status_idx" ON "WaitlistEntry"("conversationId", "status");

-- CreateIndex
CREATE INDEX "WaitlistOffer_businessId_status_heldUntil_idx" ON "WaitlistOffer"("businessId", "status", "heldUntil");

-- CreateIndex
CREATE INDEX "WaitlistOffer_entryId_idx" ON "WaitlistOffer"("entryId");

-- CreateIndex
CREATE INDEX "WaitlistOffer_status_notice_idx" ON "WaitlistOffer"("status", "notice");

-- AddForeignKey
ALTER TABLE "WaitlistOffer" ADD CONSTRAINT "WaitlistOffer_entryId_fkey" FOREIGN KEY ("entryId") REFERENCES "WaitlistEntry"("id") ON DELETE CASCADE ON UPDATE CASCADE;
