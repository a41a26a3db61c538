-- CreateTable
CREATE TABLE "UnmatchedMessage" (
    "day" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 1,
    "lastAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "UnmatchedMessage_pkey" PRIMARY KEY ("day","text")
);

-- CreateTable
CREATE TABLE "DigestRun" (
    "day" TEXT NOT NULL,
    "claimedBy" TEXT NOT NULL,
    "claimedAt" TIMESTAMPTZ(3) NOT NULL,
    "sentAt" TIMESTAMPTZ(3),
    "via" TEXT,

    CONSTRAINT "DigestRun_pkey" PRIMARY KEY ("day")
);
