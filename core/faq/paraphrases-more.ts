import type { FaqId } from "./ids.ts";

/**
 * More ways to ask each FAQ question: Kosovo/Gheg forms ("qysh", "me anulu"), everyday words and
 * English. Indexed together with PARAPHRASES and the answers.
 */
export const MORE_PARAPHRASES: Record<FaqId, { sq: string[]; en: string[] }> = {
  "how-to-book": {
    sq: [
      "Qysh bëhet një rezervim?", "Si me rezervu një termin?", "Si ta zgjedh biznesin dhe orën e lirë?",
      "Si ta gjej një orar të lirë në kalendar?", "A mund të rezervoj direkt këtu në bisedë?",
      "Çfarë të dhënash duhen për rezervim?", "Dua të rezervoj, si ta bëj?", "Si zihet një vend te sallonit?",
    ],
    en: [
      "How do I pick a business and a free time?", "Can I book here in the chat?",
      "What details do I need to book?", "How long does booking take?",
    ],
  },
  "change-or-cancel": {
    sq: [
      "Qysh me anulu terminin?", "A mundem me ndërru orën e takimit?", "Sa orë para duhet ta anuloj falas?",
      "A ka pagesë për anulimin në minutën e fundit?", "Dua ta lëviz takimin në një ditë tjetër",
      "Si ta heq rezervimin?", "Ku e gjej opsionin Ndrysho?", "A kthehen paratë nëse anuloj?",
      "Po sikur të më ndryshojnë planet pasi kam rezervuar?",
    ],
    en: [
      "Can I cancel for free?", "How many hours before must I cancel?", "Where do I change my booking?",
      "Do I pay if I cancel late?", "What if my plans change after I book?",
    ],
  },
  "payment-methods": {
    sq: [
      "Qysh paguhet?", "A mundem me pagu me kartelë?", "A pranohen paratë cash?", "Si bëhet pagesa?",
      "A paguaj para apo pas shërbimit?", "Cilat karta pranohen?", "A pranoni PayPal-in?",
      "A mund të paguaj kur të vij te biznesi?",
    ],
    en: ["Which cards do you accept?", "Can I pay on site?", "Do I pay online or at the place?", "Is PayPal available?"],
  },
  "create-account": {
    sq: [
      "Qysh me hap një llogari?", "Si bëhet regjistrimi në Rezervo?", "Nuk më vjen linku i verifikimit",
      "Si krijoj fjalëkalimin?", "Ku klikoj për t'u regjistruar?", "Më duhet profil për të rezervuar?",
      "Si ta aktivizoj profilin tim?", "Harrova fjalëkalimin e llogarisë",
    ],
    en: ["Where is the register button?", "How do I verify my email?", "How do I set a password?", "Do I need to register?"],
  },
  notifications: {
    sq: [
      "A më vjen ndonjë mesazh para takimit?", "Qysh me i ndal SMS-të?", "Sa orë para vjen rikujtuesi?",
      "A më lajmëroni me SMS apo email?", "A më dërgoni konfirmim kur rezervoj?", "Si t'i fik njoftimet?",
      "A mund t'i marr njoftimet me email dhe SMS bashkë?", "Nuk dua më mesazhe kujtese",
    ],
    en: [
      "Do you send a confirmation?", "How can I turn off reminders?", "Do you text me before?",
      "How many hours before do I get a reminder?", "How do the notifications work?",
    ],
  },
  "running-late": {
    sq: [
      "Do vonohem pak, a më prisni?", "Çka ndodh nëse vij vonë?", "Nuk arrij në kohë, çfarë të bëj?",
      "Sa minuta vonesë toleroni?", "A humbas terminin nëse vonohem?", "Jam në rrugë por do vonohem",
      "Si ta lajmëroj biznesin që do vij më vonë?", "Më ka zënë trafiku",
    ],
    en: [
      "How many minutes late can I be?", "Will I lose my slot if I'm late?", "I'll be a bit late",
      "What's the grace period for lateness?",
    ],
  },
  "data-security": {
    sq: [
      "A i shisni të dhënat e mia?", "A e ndani numrin tim me palë të treta?", "Kush i sheh të dhënat e mia?",
      "A janë të mbrojtura të dhënat e kartës?", "Si ruhen informacionet personale?",
      "A jeni në përputhje me rregullat GDPR?", "Çfarë ndodh me email-in tim?", "A është privat numri im?",
    ],
    en: [
      "Do you sell my data?", "Who can see my personal data?", "Is my card data stored safely?",
      "How is my privacy protected?",
    ],
  },
  "contact-support": {
    sq: [
      "Si mund t'ju telefonoj?", "Si t'ju shkruaj?", "Cili është numri i telefonit të mbështetjes?",
      "A është suporti i hapur natën ose në fundjavë?", "Ku e hap një tiketë për problem teknik?",
      "Dua të flas me shërbimin e klientit", "Qysh me ju kontaktu?", "Ku ju gjej nëse kam problem?",
    ],
    en: [
      "What's your phone number?", "How can I call you?", "Are you open 24/7?", "How do I report a technical problem?",
      "How can I reach a real person?", "Who do I contact if something goes wrong?",
    ],
  },
};
