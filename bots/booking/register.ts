import { understanding } from "../../core/nlu/understanding.ts";
import { bookingFlow } from "../../dialogs/booking/flow.ts";
import { faqFlow } from "../../dialogs/faq/flow.ts";
import { menuFlow } from "../../dialogs/menu/flow.ts";
import type { FeatureModule } from "../module.ts";

/**
 * Booking: the menu, the booking flow and FAQ answers, with the language understanding they use
 * (dates, intents, FAQ search). The catalog, availability and bookings ports come from the kernel.
 */
export const bookingModule: FeatureModule<"booking", undefined> = {
  name: "booking",
  flows: { menu: menuFlow, booking: bookingFlow, faq: faqFlow },
  setup: () => ({ services: { nlu: understanding } }),
};
