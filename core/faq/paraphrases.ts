import type { FaqId } from "./ids.ts";

/** Ways customers ask each FAQ question (sq first, then en); indexed together with the answers. */
export const PARAPHRASES: Record<FaqId, { sq: string[]; en: string[] }> = {
  "how-to-book": {
    sq: [
      "Si të bëj një rezervim?", "Si rezervohet një termin?", "Si mund të rezervoj?",
      "Cilat janë hapat për të rezervuar?", "Si funksionon rezervimi?", "Si të zë një orar te biznesi?",
      "Si caktoj një takim?", "Si të marr një termin online?", "Procesi i rezervimit si bëhet?",
      "Ku e zgjedh kategorinë dhe orën për rezervim?", "Sa zgjat procesi i rezervimit?",
      "Si të rezervoj një vend për nesër?", "Si e konfirmoj rezervimin?",
    ],
    en: [
      "How do I book an appointment?", "How can I make a booking?", "What are the steps to book?",
      "How does booking work?", "How do I reserve a time slot?", "How do I schedule a visit?",
    ],
  },
  "change-or-cancel": {
    sq: [
      "Si ta anuloj rezervimin?", "Si mund ta ndryshoj rezervimin?", "Dua ta ndryshoj datën e takimit, si?",
      "Si ta shtyj terminin për një ditë tjetër?", "A mund ta anuloj takimin?", "Si ta fshij një rezervim?",
      "Deri kur mund ta anuloj pa pagesë?", "A ka tarifë anulimi?", "Si të ndërroj orën e rezervimit?",
      "A paguaj nëse anuloj?", "Anulimi falas deri kur lejohet?", "Si ta zhvendos rezervimin në një orë tjetër?",
      "Ku janë rezervimet e mia për t'i ndryshuar?", "Si funksionon rimbursimi nëse anuloj?", "A m'i ktheni paratë nëse anuloj?",
    ],
    en: [
      "How do I cancel my booking?", "How can I change or reschedule an appointment?",
      "Is there a cancellation fee?", "Can I move my appointment to another day?",
      "Until when can I cancel for free?", "How do I modify a reservation?",
      "How do refunds work?", "Do I get my money back if I cancel?",
    ],
  },
  "payment-methods": {
    sq: [
      "Si mund të paguaj?", "Cilat mënyra pagese pranoni?", "A pranoni PayPal?", "A mund të paguaj me kartë?",
      "A pranoni Visa apo Mastercard?", "A paguhet me para në dorë në vend?", "A mund të paguaj cash te biznesi?",
      "A është e sigurt pagesa me kartë online?", "A pranoni American Express?", "Me çfarë kartash paguhet?",
      "Pagesa bëhet online apo në vend?", "A pranoni kartë debiti?", "Kur e paguaj shërbimin?",
    ],
    en: [
      "What payment methods do you accept?", "Can I pay with PayPal?", "Do you take credit cards?",
      "Can I pay cash at the business?", "Do you accept Amex?", "Is paying by card online safe?",
    ],
  },
  "create-account": {
    sq: [
      "Si të krijoj një llogari?", "Si regjistrohem?", "Si bëhet regjistrimi?", "Si të hap një profil të ri?",
      "Nuk më erdhi email-i i verifikimit", "Si ta verifikoj llogarinë?", "Si ta aktivizoj llogarinë?",
      "A duhet llogari për të rezervuar?", "Ku është butoni regjistrohu?", "Si të bëj sign up?",
      "Si krijohet fjalëkalimi për llogarinë?", "Dua të hap llogari të re",
    ],
    en: [
      "How do I create an account?", "How do I sign up?", "How do I register?",
      "I didn't get the verification email", "How do I activate my account?", "Do I need an account to book?",
    ],
  },
  notifications: {
    sq: [
      "A do më njoftoni para takimit?", "A dërgoni rikujtues?", "A më vjen mesazh konfirmimi?",
      "Kur më vjen rikujtesa?", "A marr SMS para terminit?", "Si t'i ndryshoj njoftimet?",
      "Dua njoftime vetëm me email", "Si t'i çaktivizoj njoftimet me SMS?", "A ma kujtoni takimin?",
      "Sa orë para më njoftoni?", "A marr email pasi rezervoj?", "Ku i rregulloj preferencat e njoftimeve?",
    ],
    en: [
      "Will you remind me before my appointment?", "Do you send reminders?", "Will I get a confirmation email?",
      "How do I change my notification settings?", "Can I get SMS reminders?", "When do reminders arrive?",
    ],
  },
  "running-late": {
    sq: [
      "Çfarë ndodh nëse vonohem?", "Po vonohem, çfarë të bëj?", "Sa minuta më presin nëse vij me vonesë?",
      "Nëse vonohem a më anulohet rezervimi?", "Do vij pak me vonesë te takimi", "Sa vonesë lejohet?",
      "A ka tarifë nëse vonohem shumë?", "Si ta njoftoj biznesin që po vonohem?", "Do vonohem 10 minuta",
      "Kam ngecur në trafik dhe do vonohem", "Nëse nuk arrij në kohë çfarë ndodh?", "Sa është toleranca për vonesë?",
    ],
    en: [
      "What happens if I'm late?", "I'm running late, what should I do?", "How long will they wait for me?",
      "Will my booking be cancelled if I arrive late?", "Is there a late arrival tolerance?",
      "I'm stuck in traffic and will be late",
    ],
  },
  "data-security": {
    sq: [
      "A janë të sigurta të dhënat e mia?", "Si i mbroni të dhënat personale?", "A i ndani të dhënat me të tjerë?",
      "A respektoni GDPR?", "A është i sigurt numri i kartës?", "Ku ruhen të dhënat e mia?",
      "A përdorni enkriptim?", "Çfarë bëni me informacionin tim personal?", "A e shisni email-in tim?",
      "Privatësia e të dhënave si garantohet?", "A janë të enkriptuara të dhënat?", "Dua të di për privatësinë",
    ],
    en: [
      "Is my data safe?", "How do you protect my personal data?", "Do you share my data with third parties?",
      "Are you GDPR compliant?", "Is my information encrypted?", "What is your privacy policy?",
    ],
  },
  "contact-support": {
    sq: [
      "Si t'ju kontaktoj?", "Si të kontaktoj mbështetjen?", "Cili është email-i juaj?", "Dua të flas me suportin",
      "Ku t'ju shkruaj për një problem?", "A keni numër telefoni?", "Kur punon shërbimi i klientit?",
      "Sa shpejt përgjigjeni në email?", "Si të hap një tiketë?", "Kam një problem teknik, ku ta raportoj?",
      "A jeni të disponueshëm gjatë natës?", "Si ju gjej për ndihmë?", "Kontakti i ekipit të mbështetjes",
    ],
    en: [
      "How can I contact support?", "What is your support email?", "Is customer service available 24/7?",
      "How do I open a ticket?", "How fast do you reply to emails?", "I have a technical problem, who do I contact?",
    ],
  },
};
