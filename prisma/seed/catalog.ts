import type { OpeningHours, OpenInterval } from "../../core/availability/types.ts";
import type { BusinessSeed, CatalogSeed, CategorySeed } from "../../core/catalog/seed.ts";

export const categories: CategorySeed[] = [
  { slug: "berber", nameSq: "Berber", nameEn: "Barber", sort: 1, aliases: ["berberi", "barber", "barbershop", "floktar", "flokëtar", "qeth", "qethje", "haircut", "rroj", "rruaj", "rruajtje", "mjekër", "mjekërr", "mjekra", "mjekre", "mjekrën", "beard", "shave"] },
  { slug: "sallon-bukurie", nameSq: "Sallon bukurie", nameEn: "Beauty salon", sort: 2, aliases: ["sallon", "salon", "bukuri", "parukeri", "parukeria", "manikyr", "pedikyr", "thonj", "thonjtë", "nails", "manicure", "pedicure", "grim", "make up", "makeup", "vetull", "vetulla", "depilim", "beauty", "kozmetik", "kozmetikë", "flok", "flokë", "ngjyros", "ngjyrosje", "hair", "hairdresser", "hair salon", "parukiere"] },
  { slug: "klinike-dentare", nameSq: "Klinikë dentare", nameEn: "Dental clinic", sort: 3, aliases: ["dentist", "dentisti", "dhëmb", "dhëmbë", "dhëmbët", "dhëmbëve", "dhamb", "dhambë", "dentar", "dentare", "stomatolog", "stomatologji", "teeth", "tooth", "dental", "mbushje", "plombë", "ortodont", "ortodonti"] },
  { slug: "fizioterapi", nameSq: "Fizioterapi", nameEn: "Physiotherapy", sort: 4, aliases: ["fizio", "fizioterapi", "fizioterapist", "fizioterapeut", "physio", "physiotherapy", "physiotherapist", "rehabilitim", "masazh terapeutik", "terapi fizike", "dhimbje shpine", "dhimbje qafe", "dhimbje kurrizi"] },
  { slug: "spa-masazh", nameSq: "Spa & masazh", nameEn: "Spa & massage", sort: 5, aliases: ["spa", "masazh", "masazhe", "massage", "sauna", "relaks", "relax", "wellness"] },
  { slug: "auto-servis", nameSq: "Auto servis", nameEn: "Car service", sort: 6, aliases: ["makinë", "makina", "makinën", "makinës", "auto", "servis", "servisi", "goma", "gomat", "vaj", "vaji", "vajin", "vajit", "mekanik", "mekaniku", "car", "tyre", "tyres", "tire", "tires", "oil change", "garage", "garazh", "kolaudim", "frena", "frenat"] },
];

const iv = (open: string, close: string): OpenInterval => ({ open, close });
/** Same intervals Monday to Friday, Saturday as given, Sunday as given (closed when omitted). */
function week(weekday: OpenInterval[], saturday: OpenInterval[], sunday?: OpenInterval[]): OpeningHours {
  const h: OpeningHours = { "1": weekday, "2": weekday, "3": weekday, "4": weekday, "5": weekday, "6": saturday };
  if (sunday) h["0"] = sunday;
  return h;
}

/** Public holidays most businesses close on (Independence and Liberation Day, Christmas, New Year). */
const HOLIDAYS = ["2026-11-28", "2026-11-29", "2026-12-25", "2027-01-01", "2027-01-02"];

const rules = {
  minNoticeMin: 60,
  horizonDays: 30,
  cancelWindowHours: 24,
  closedDates: [] as string[],
  paymentMode: "on_site" as const,
};

export const businesses: BusinessSeed[] = [
  {
    ...rules, slug: "berberi-ardit", name: "Berberi Ardit", category: "berber", city: "Tiranë", aliases: ["Ardit", "te Arditi"],
    address: "Rruga e Durrësit 112", phone: "+355694418203",
    openingHours: week([iv("09:00", "20:00")], [iv("09:00", "18:00")]),
    slotStepMin: 30, capacity: 2, lateToleranceMin: 10,
    services: [
      { nameSq: "Prerje flokësh", nameEn: "Haircut", durationMin: 30, priceLek: 800, aliases: ["qethje", "qethja", "trim", "hair trim"] },
      { nameSq: "Prerje flokësh dhe mjekre", nameEn: "Haircut and beard", durationMin: 60, priceLek: 1200, aliases: ["mjekër", "mjekra", "mjekrën"] },
      { nameSq: "Rruajtje me brisk", nameEn: "Razor shave", durationMin: 30, priceLek: 600, aliases: ["rroj", "rruaj", "brisk", "shave"] },
      { nameSq: "Prerje për fëmijë", nameEn: "Children's haircut", durationMin: 30, priceLek: 600, aliases: ["fëmijë", "fëmijët", "kids", "qethje për fëmijë", "qethje fëmijësh"] },
    ],
  },
  {
    ...rules, slug: "berber-kalaja", name: "Berber Kalaja", category: "berber", city: "Shkodër",
    address: "Rruga Kolë Idromeno 24", phone: "+35522243118", closedDates: HOLIDAYS,
    openingHours: week([iv("08:30", "12:30"), iv("14:00", "19:30")], [iv("08:30", "15:00")], [iv("09:00", "13:00")]),
    slotStepMin: 30, capacity: 1, lateToleranceMin: 10,
    services: [
      { nameSq: "Prerje flokësh", nameEn: "Haircut", durationMin: 30, priceLek: 700, aliases: ["qethje", "qethja", "trim", "hair trim"] },
      { nameSq: "Rregullim mjekre", nameEn: "Beard trim", durationMin: 30, priceLek: 400, aliases: ["mjekër", "mjekra", "mjekrën", "beard"] },
      { nameSq: "Larje dhe prerje", nameEn: "Wash and cut", durationMin: 60, priceLek: 1000 },
    ],
  },
  {
    ...rules, slug: "sallon-elegance", name: "Sallon Elegance", category: "sallon-bukurie", city: "Tiranë",
    address: "Rruga Myslym Shyri 45", phone: "+35542271563", closedDates: HOLIDAYS,
    openingHours: week([iv("09:00", "13:00"), iv("14:00", "19:00")], [iv("09:00", "16:00")]),
    slotStepMin: 30, capacity: 3, lateToleranceMin: 15,
    services: [
      { nameSq: "Prerje dhe fenirim", nameEn: "Cut and blow-dry", durationMin: 60, priceLek: 2000 },
      { nameSq: "Ngjyrosje flokësh", nameEn: "Hair colouring", durationMin: 120, priceLek: 4500 },
      { nameSq: "Manikyr", nameEn: "Manicure", durationMin: 45, priceLek: 1500, aliases: ["thonj", "thonjtë", "nails"] },
      { nameSq: "Pedikyr", nameEn: "Pedicure", durationMin: 60, priceLek: 1800, aliases: ["thonjtë e këmbëve", "toenails", "feet"] },
      { nameSq: "Grim për ceremoni", nameEn: "Event make-up", durationMin: 60, priceLek: 3500 },
    ],
  },
  {
    ...rules, slug: "sallon-adriana", name: "Sallon Adriana", category: "sallon-bukurie", city: "Vlorë",
    address: "Rruga Ismail Qemali 8, Lagjja Pavarësia", phone: "+355682305517",
    openingHours: week([iv("09:00", "19:00")], [iv("09:00", "17:00")]),
    slotStepMin: 30, capacity: 2, lateToleranceMin: 15,
    services: [
      { nameSq: "Fenirim", nameEn: "Blow-dry", durationMin: 30, priceLek: 1000 },
      { nameSq: "Ngjyrosje dhe prerje", nameEn: "Colour and cut", durationMin: 150, priceLek: 5000 },
      { nameSq: "Manikyr me xhel", nameEn: "Gel manicure", durationMin: 60, priceLek: 2000, aliases: ["thonj", "thonjtë", "nails"] },
    ],
  },
  {
    ...rules, slug: "dentaplus-tirane", name: "Klinika Dentare DentaPlus", category: "klinike-dentare", city: "Tiranë", aliases: ["DentaPlus", "Denta Plus"],
    address: "Bulevardi Bajram Curri 30", phone: "+35542258340", closedDates: HOLIDAYS,
    openingHours: week([iv("08:30", "13:00"), iv("15:00", "19:00")], [iv("09:00", "13:00")]),
    slotStepMin: 30, capacity: 2, lateToleranceMin: 10, cancelWindowHours: 48,
    paymentMode: "deposit", depositLek: 2000,
    services: [
      { nameSq: "Vizitë dhe konsultë", nameEn: "Check-up and consultation", durationMin: 30, priceLek: 1500, aliases: ["kontroll", "kontrolli", "kontroll dhëmbësh", "check-up", "checkup"] },
      { nameSq: "Pastrim profesional i dhëmbëve", nameEn: "Professional teeth cleaning", durationMin: 45, priceLek: 3500, aliases: ["pastrim dhëmbësh", "higjienë"] },
      { nameSq: "Mbushje dhëmbi", nameEn: "Tooth filling", durationMin: 60, priceLek: 5000 },
      { nameSq: "Zbardhim dhëmbësh", nameEn: "Teeth whitening", durationMin: 90, priceLek: 15000 },
    ],
  },
  {
    ...rules, slug: "klinika-adriatik", name: "Klinika Dentare Adriatik", category: "klinike-dentare", city: "Durrës",
    address: "Rruga Tregtare 15", phone: "+35552231904", closedDates: HOLIDAYS,
    openingHours: week([iv("09:00", "14:00"), iv("16:00", "20:00")], [iv("09:00", "13:00")]),
    slotStepMin: 30, capacity: 1, lateToleranceMin: 10,
    services: [
      { nameSq: "Vizitë kontrolli", nameEn: "Dental check-up", durationMin: 30, priceLek: 1000 },
      { nameSq: "Heqje dhëmbi", nameEn: "Tooth extraction", durationMin: 45, priceLek: 4000, aliases: ["tooth pulled", "pulled tooth", "pull tooth"] },
      { nameSq: "Pastrim i gurëzave", nameEn: "Scale and polish", durationMin: 45, priceLek: 3000, aliases: ["pastrim dhëmbësh", "higjienë", "teeth cleaning", "cleaning"] },
    ],
  },
  {
    ...rules, slug: "fizio-levizja", name: "Qendra e Fizioterapisë Lëvizja", category: "fizioterapi", city: "Tiranë", aliases: ["Lëvizja"],
    address: "Rruga e Kavajës 67", phone: "+355672418856", closedDates: HOLIDAYS,
    openingHours: week([iv("08:00", "12:00"), iv("13:00", "18:00")], [iv("09:00", "13:00")]),
    slotStepMin: 15, capacity: 3, lateToleranceMin: 10,
    services: [
      { nameSq: "Vlerësim fillestar", nameEn: "Initial assessment", durationMin: 45, priceLek: 2500 },
      { nameSq: "Seancë fizioterapie", nameEn: "Physiotherapy session", durationMin: 60, priceLek: 3000 },
      { nameSq: "Terapi me ultratinguj", nameEn: "Ultrasound therapy", durationMin: 30, priceLek: 1500 },
      { nameSq: "Masazh terapeutik", nameEn: "Therapeutic massage", durationMin: 45, priceLek: 2500 },
    ],
  },
  {
    ...rules, slug: "fizio-shkodra", name: "FizioShkodra", category: "fizioterapi", city: "Shkodër", aliases: ["Fizio Shkodra"],
    address: "Rruga 13 Dhjetori 5", phone: "+355693127740",
    openingHours: week([iv("09:00", "17:00")], [iv("09:00", "12:00")]),
    slotStepMin: 30, capacity: 2, lateToleranceMin: 15,
    services: [
      { nameSq: "Konsultë me fizioterapist", nameEn: "Physiotherapist consultation", durationMin: 30, priceLek: 1500 },
      { nameSq: "Rehabilitim pas dëmtimit", nameEn: "Post-injury rehabilitation", durationMin: 60, priceLek: 2500, aliases: ["rehab", "rehabilitation", "rehabilitim"] },
    ],
  },
  {
    ...rules, slug: "vlora-relax-spa", name: "Vlora Relax Spa", category: "spa-masazh", city: "Vlorë",
    address: "Rruga Ismail Qemali 102, Lungomare", phone: "+35533227456", paymentMode: "card",
    openingHours: week([iv("10:00", "21:00")], [iv("10:00", "21:00")], [iv("10:00", "18:00")]),
    slotStepMin: 30, capacity: 4, lateToleranceMin: 15,
    services: [
      { nameSq: "Masazh relaksues", nameEn: "Relaxing massage", durationMin: 60, priceLek: 4000 },
      { nameSq: "Masazh me gurë të nxehtë", nameEn: "Hot stone massage", durationMin: 90, priceLek: 5500 },
      { nameSq: "Masazh sportiv", nameEn: "Sports massage", durationMin: 45, priceLek: 3500 },
      { nameSq: "Sauna dhe hamam", nameEn: "Sauna and hammam", durationMin: 90, priceLek: 3000 },
    ],
  },
  {
    ...rules, slug: "marina-spa-durres", name: "Marina Spa & Masazh", category: "spa-masazh", city: "Durrës",
    address: "Shëtitorja Taulantia 40", phone: "+355684450921",
    openingHours: week([iv("10:00", "20:00")], [iv("10:00", "20:00")]),
    slotStepMin: 30, capacity: 2, lateToleranceMin: 10,
    services: [
      { nameSq: "Masazh i plotë trupor", nameEn: "Full body massage", durationMin: 60, priceLek: 3500 },
      { nameSq: "Masazh shpine dhe qafe", nameEn: "Back and neck massage", durationMin: 30, priceLek: 2000 },
      { nameSq: "Trajtim fytyre", nameEn: "Facial treatment", durationMin: 60, priceLek: 3000 },
    ],
  },
  {
    ...rules, slug: "autoservis-alba", name: "Autoservis Alba", category: "auto-servis", city: "Tiranë", aliases: ["Alba"],
    address: "Rruga Dritan Hoxha 210", phone: "+355692903364", closedDates: HOLIDAYS,
    openingHours: week([iv("08:00", "12:30"), iv("13:30", "18:00")], [iv("08:00", "14:00")]),
    slotStepMin: 30, capacity: 3, lateToleranceMin: 15,
    services: [
      { nameSq: "Ndërrim vaji dhe filtrash", nameEn: "Oil and filter change", durationMin: 60, priceLek: 4000, aliases: ["vaj", "vaji", "vajin", "oil change"] },
      { nameSq: "Kontroll i përgjithshëm", nameEn: "General inspection", durationMin: 60, priceLek: 3000 },
      { nameSq: "Ndërrim gomash", nameEn: "Tyre change", durationMin: 30, priceLek: 2000, aliases: ["goma", "gomat", "tyres"] },
      { nameSq: "Diagnostikim elektronik", nameEn: "Electronic diagnostics", durationMin: 30, priceLek: 2500 },
      { nameSq: "Mbushje kondicioneri", nameEn: "Air conditioning recharge", durationMin: 60, priceLek: 3500 },
    ],
  },
  {
    ...rules, slug: "auto-servis-durresi", name: "Auto Servis Durrësi", category: "auto-servis", city: "Durrës",
    address: "Rruga Aleksandër Goga 88", phone: "+355674021185",
    openingHours: week([iv("08:00", "17:00")], [iv("08:00", "13:00")]),
    slotStepMin: 60, capacity: 2, lateToleranceMin: 15,
    services: [
      { nameSq: "Servis i plotë", nameEn: "Full service", durationMin: 120, priceLek: 8000 },
      { nameSq: "Ndërrim frenash", nameEn: "Brake replacement", durationMin: 120, priceLek: 6000 },
      { nameSq: "Balancim gomash", nameEn: "Wheel balancing", durationMin: 60, priceLek: 1500 },
    ],
  },
];

/** The demo marketplace: what `rezervo seed` and the first start load. */
export const demoCatalog: CatalogSeed = { categories, businesses };
