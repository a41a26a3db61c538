import { normalize, withinOneEdit } from "./normalize.ts";
import { isOwnWord } from "./own-words.ts";
import { forAnother } from "./party.ts";
import { speaksOfSpecialNeeds } from "./support-words.ts";
import { SAME_TIME_WORDS, saysSameDay, saysSameTime } from "./same-time.ts";
import type { CatalogWords } from "./port.ts";
import { readNumber, NUMBER_WORD_RE } from "./when-lexicon.ts";

/** What a free-text message asks for. */
export type Intent =
  | "book" | "my-bookings" | "cancel" | "reschedule" | "running-late" | "faq" | "ticket" | "human"
  | "help" | "language" | "greeting" | "thanks" | "bye" | "restart" | "back" | "notifications" | "my-tickets" | "privacy" | "waitlist";

/** A detected intent with its confidence (0..1) and the details found in the message. */
export interface IntentResult {
  intent: Intent;
  confidence: number;
  /** The catalog category (its id, from {@link CatalogWords}) when the message names a kind of service. */
  category?: string;
  /** For "language": the language asked for, when stated. */
  lang?: "sq" | "en";
  /** For "running-late": minutes late, when stated ("po vonohem 10 min"). */
  minutes?: number;
}

// Words whose typos (one edit, words of 5+ letters) are corrected before matching.
const VOCAB = [
  "rezervo", "rezervoj", "rezervim", "rezervimi", "rezervimin", "rezervimet", "rezervimin", "anulo",
  "anuloj", "anulim", "anulimi", "anulloj", "ndrysho", "ndryshoj", "ndryshim", "zhvendos", "vonohem",
  "vonohemi", "vonese", "pershendetje", "ndihme", "ndihmo", "njoftime", "njoftimet", "rikujtues",
  "gjuha", "gjuhen", "anglisht", "english", "albanian", "shqip", "mbrapa", "kthehu", "fillo", "rifillo",
  "problem", "problemi", "ankese", "operator", "operatorin", "njeri", "stafin", "agjent", "tiketat",
  "tiketen", "tiketa", "cancel", "booking", "bookings", "appointment", "appointments", "reschedule",
  "change", "notifications", "reminders", "language", "restart", "hello", "thanks", "human", "person",
  "agent", "ticket", "tickets", "termin", "terminin", "takim", "takimin", "mirdita", "miredita",
  "mirembrema", "miremengjes", "paguaj", "pagese",
  // Forms that are words of their own, not slips of «anuloj» ("biznesi e anuloi vetë"), nor of each other
  // («ma anuloni», cancel it for me, is no «ma anuloi», they cancelled it on me).
  "anuloi", "anuluan", "anuluar", "anulova", "anuloni", "anulojeni", "anuloje", "anulojme",
  // Someone else cancelling («nëse anulon dikush», if someone cancels), not a slip of «anulo».
  "anulon", "anulojne", "anulohet",
];
const VOCAB_SET = new Set(VOCAB);

/** Replaces words with one typo by the known word ("rezevroj" -> "rezervoj"). */
function correct(words: string[]): string[] {
  return words.map((w) => {
    if (w.length < 5 || VOCAB_SET.has(w) || isOwnWord(w)) return w;
    for (const v of VOCAB) if (v.length >= 5 && withinOneEdit(w, v)) return v;
    return w;
  });
}

const W = (s: string) => new RegExp(`(?:^| )(?:${s})(?= |$)`);
// "anything earlier today for my haircut?", «a ka ndonjë orar më herët sot për qethjen time?": another time for
// one's own booking (a change, asked as a question).
const EARLIER_MINE = "(?:anything|something|a time|a slot|any slot|a spot|any time) (?:\\S+ ){0,2}(?:earlier|sooner|later)(?: \\S+){0,2} for (?:my|our)"
  + "|(?:ndonje|nje) (?:orar|ore|termin|vend) (?:\\S+ ){0,1}(?:me|ma) (?:heret|hert|von\\w*|perpara)(?: \\S+){0,2} per (?:\\S+ )(?:tim|time|tone|tona|sime)(?= |$)";
const EARLIER_MINE_RE = W(EARLIER_MINE);

// Whom a booking is for, not someone to talk to: "a massage for two people", «për dy persona», "a haircut
// for someone else", «rezervoj për dikë tjetër».
const NOT_WHOM = "(?<!(?:^| )(?:for|per) (?:(?:one|two|three|four|a|1|2|3|4|nje|dy|tre|tri|kater) )?)";

// The language asked for: the word alone or nearly («gjuha», "english please", «në anglisht ju lutem»), or
// after a verb that asks ("can you speak English?", «ndryshoni gjuhën»); "the SMS came in a language I
// can't read" tells a problem.
const LANG_WORDS = "gjuh\\w*|anglisht|shqip|english|albanian|language";

/** Two to four words, each capitalised and the rest in lower case: written as a person's name. */
const NAME_LIKE = /^\p{Lu}\p{Ll}+(?:[ '-]\p{Lu}\p{Ll}+){1,3}$/u;

/**
 * What a pattern rule stands for, for the rules that look at others: "navigation" (start again, back,
 * language, my tickets), "change" (late, cancel, reschedule a booking) and "request" (other things asked
 * for: a problem, my bookings, notifications, a person).
 */
type RuleKind = "navigation" | "change" | "request";

/** A rule that recognises an intent by its words. */
interface PatternRule {
  id: string;
  intent: Intent;
  /** Lower runs first; the first rule that matches decides. */
  priority: number;
  confidence: number;
  kind: RuleKind;
  pattern: RegExp;
  /** Not in a message that names a kind of service: there its words are the service's ("back and neck massage"). */
  notForService?: boolean;
}

/** Words that name a day, in both languages (folded), as the rules below look for them. */
const DAY_WORDS = "sot|neser|pasneser|hene\\w*|marte\\w*|merkure\\w*|enjte\\w*|premte\\w*|shtune\\w*|diel\\w*|today|tonight|tomorrow|monday|tuesday|wednesday|thursday|friday|saturday|sunday";

/**
 * Another day or part of the day asked for, after saying the customer cannot come: "any chance for Friday",
 * "how about tomorrow", «a ka mundësi të premten», «a mund ta bëjmë pasdite?».
 */
const ANOTHER_DAY = W(`(?:any chance|how about|what about|maybe|perhaps|(?:can|could) (?:we|it|you) (?:do|be|make it)|(?:got|have you got|do you have|is there) (?:anything|something|any(?: \\S+)?)|anything|a ka mundesi|ka mundesi|(?:a )?(?:keni|ka) (?:gje|dicka|ndonje \\S+)|ndoshta|mundet|(?:a )?mund (?:ta|te) (?:bejme|bejm|bej|leme|lem|kalojme|kaloj))(?: it)?(?: (?:for|on|per|te|ne|in the))? (?:${DAY_WORDS}|pasdite|paradite|mengjes|mbremje|afternoon|morning|evening)`);

/** The rules matched by their words, with their priorities. */
const PATTERN_RULES: readonly PatternRule[] = [
  { id: "restart", intent: "restart", priority: 400, confidence: 0.95, kind: "navigation", pattern: W("fillo\\w* (?:(?:nga|prej) )?(?:e para|fillimi\\w*|fillim|zero)|from scratch|start afresh|begin again|prej fillimit|fillo (?:perseri|serish|prape)|rifillo|restart|reset|start over|start again|nga fillimi") },
  { id: "back", intent: "back", priority: 410, confidence: 0.9, kind: "navigation", notForService: true, pattern: W("mbrapa|(?<!(?:kthyen|kthyne|kthye|kthejne|nxoren|nxorren|cuan) )mbrapsht|prapa|kthehu(?: mbrapa| pas)?|(?:nje )?hap (?:pas|mbrapa)|(?<!(?:call|ring|text|phone|get|come|write|call me|ring me|text me|phone me|call us|get me|get us|deposit|money|payment|cash) )(?<!(?:push|pushed|pushing|put|move|moved|set) (?:it |that |this |them |my \\S+ |the \\S+ |our \\S+ )?)back(?! to (?:me|us)| pain)|go back|previous") },
  // How reminders come ("reminders by email instead of text", "njoftimet me email", "remind me on WhatsApp
  // instead of SMS"), not a booking moved.
  { id: "notify-channel", intent: "notifications", priority: 455, confidence: 0.85, kind: "request", pattern: W("(?:reminders?|remind (?:me|us)|notifications?|njoftim\\w*|kujtes\\w*|rikujt\\w*) (?:\\S+ ){0,3}(?:by|via|through|over|on|me|ne|permes) (?:e ?mail|sms|text|texts|whatsapp|telegram)") },
  { id: "language", intent: "language", priority: 420, confidence: 0.9, kind: "navigation", pattern: W(`^(?:\\S+ ){0,2}(?:in |ne |në )?(?:${LANG_WORDS})(?: \\S+){0,2}$|(?:switch|change|speak|talk|write|use|prefer|reply|answer|ndrysho\\w*|fol\\w*|flisni|flitni|shkruaj\\w*|shkruani|kalo\\w*|vendos\\w*|perdor\\w*|pergjigju\\w*) (?:\\S+ ){0,4}(?:${LANG_WORDS})`) },
  { id: "my-tickets", intent: "my-tickets", priority: 430, confidence: 0.95, kind: "navigation", pattern: W("(?:tiket\\w*|bilet\\w*|kerkes\\w*) (?:e |te )?mia|(?:tiket\\w*|kerkes\\w*|ankes\\w*) (?:e |te )?(?:time|tim|ime)|(?:cfare|c) u be me (?:\\S+ )?(?:ankes|kerkes|tiket)\\w*|(?:tiket\\w*|kerkes\\w*) (?:qe )?(?:(?:kam|kemi) (?:hapur|bere|derguar)|beme|bera|dergova|derguam|hapa|hapem)|my (?:\\S+ )?tickets?|ticket status|statusi i tiket\\w*|(?:what happened (?:with|to)|any news (?:on|about)|update on) my (?:\\S+ )?(?:ticket|complaint|request)") },
  // "can I book another one of those for Saturday at the same time?", «dua të rezervoj përsëri të njëjtën
  // gjë», «dua edhe një pastrim»: one more booking, not a move of the one made ("another day" moves it).
  { id: "book-another", intent: "book", priority: 435, confidence: 0.9, kind: "request", pattern: W("(?:book|reserve|schedule|make|get) (?:me |us )?(?:\\S+ ){0,2}(?:another|one more|a second)(?! (?:day|time|date|hour|slot|week))|another one of (?:those|these|them)|(?:book|do) (?:it|that|the same) again|same again|rezervo\\w* (?:\\S+ ){0,3}(?:edhe nje|nje tjeter|perseri|prape|serish)(?! (?:dite|ore|here|jave|orar|kohe|minut)\\w*)|(?:dua|me duhet|do doja|desha) edhe nje (?!(?:dite|ore|here|jave|orar|kohe|minut|cike)\\w*)\\S+|(?:edhe|and|also) (?:\\S+ ){0,5}(?:pas|after) (?:meje|nesh|me|us)|(?:te )?njejten gje (?:edhe )?(?:per|ne|te)|(?:the )?same thing (?:for|on|next)|edhe (?:\\d+|dy|tre|kater|pese) (?:\\S+ )?(?:seanc|sesion|termin|vizit|takim|here|rezervim)\\w*|(?:\\d+|dy|tre|kater|pese) (?:seanc|sesion|termin|vizit|takim|rezervim)\\w* (?:te |e )?(?:tjera|tjere|tjeter|shtese)|(?:\\d+|two|three|four|five|a few|a couple of|couple of) more (?:\\S+ )?(?:sessions?|appointments?|visits?|bookings?|treatments?)") },
  { id: "running-late", intent: "running-late", priority: 440, confidence: 0.9, kind: "change", pattern: W("vonohe?m\\w*|vonoj|vonohe\\w*|me vones\\w*|jam (?:\\S+ ){0,3}vone|\\d+ min\\w* larg|do vij vone|(?:do|po) (?:te )?vij (?:\\S+ ){0,2}(?:me|ma) von\\w*|running late|running behind|running (?:(?:about|around|some|like|a|an|half|hour|hours|few|couple|of|bit|little|tad|slightly|\\d+|minutes?|mins?|min) ){1,4}behind(?! (?:schedule|with|on|in) )|be there in \\d+|(?:be|am|m|re) (?:\\S+ ){0,3}(?:minutes? |mins? )?behind|jam (?:ne )?rrug\\w*|(?:\\d+|a few|few|couple of|some) (?:minutes?|mins?) (?:behind|late)|(?:vij|vijme|arrij|arrijme|jem|jemi) (?:\\S+ ){0,2}\\d+ (?:minuta|minut|min) (?:me |ma )?von\\w*|(?:stuck |caught )?in (?:heavy |bad |the )?traffic|traffic is (?:bad|heavy|terrible|awful|crazy|horrible)|(?:jam |ngel\\w* |mbetur |mbeta |ngec\\w* |bllokuar )(?:ne )?trafik\\w*|ka (?:shume )?trafik|(?:vij|arrij|jam aty|mberrij) (?:per|pas|brenda|ne) (?:\\S+ )?(?:\\d+|nje|dy|pese|dhjete|gjysme|cerek) (?:minut\\w*|min|ore)|(?<!(?:work|working|stay|staying|finish|finishing|open|opened|up) )late(?! (?:afternoon|morning|evening|night|in the|shift))|delayed|be late|vonese") },
  // A charge complained about is for staff, even when it names a cancelled booking ("I got charged but the booking shows as cancelled").
  { id: "ticket-charge", intent: "ticket", priority: 445, confidence: 0.85, kind: "request", pattern: W("(?:ma|na|m a|n a|me e|na e) (?:kane |ka )?(?:anuloi|anuluan|anuluar|fshiu|fshine)|(?:dua|duam|kerkoj|kerkojme|want|demand|expect|deserve) (?:\\S+ ){0,2}(?:kompensim\\w*|compensation)|(?:me|na) (?:kane )?(?:kompensoni|kompensojne|kompensoj\\w*)|(?:got|was|been|were) charged|(?:they|salon|business|clinic|barber|dentist|spa|garage|it|he|she) (?:\\S+ )?cancel+ed on (?:me|us)|(?:they|salon|business|clinic|barber|dentist|spa|garage|he|she) (?:\\S+ )?cancel+ed (?:\\S+ ){0,3}(?:at the )?last minute|(?<!(?:cancel|anul).*)(?:like|want|need) (?:\\S+ ){0,2}(?:deposit|money|payment) (?:refunded|back)|(?:biznesi|salloni|klinika|berberi|ata|ai|ajo) (?:\\S+ )?(?:ma|na|e|me) anul(?:uan|oi|uar)\\w*|(?:ma|m i|na i|me i) (?:ktheni|kthejne|kthen|kthej) (?:\\S+ )?(?:parat|paret|leket|depozit)\\w*|paid (?:\\S+ ){0,3}(?:twice|two times|2 times)|double (?:paid|payment)|(?:pagova|pagoj|paguam) (?:\\S+ ){0,3}dy here|charged (?:me |us )?(?:\\S+ ){0,3}(?:fee|penalty)|no show (?:fee|charge|penalty)|(?:cancellation|late) (?:fee|penalty)|(?:me|na) (?:kane )?(?:vene|vune|vendosur|ngarkuar|faturuar|mbajten|moren|morren) (?:\\S+ ){0,2}(?:tarif|gjob|penalitet)\\w*|charged (?:me |my \\S+ )?but|(?:got|received|have|has) no (?:booking )?(?:number|confirmation|reference)|paid but|i paid and|money (?:was )?taken|pagova (?:\\S+ ){0,3}por|me (?:kane )?(?:hequr|hoqen|terhequr|morren) (?:te )?(?:parat|leket)\\w*|(?:want|need|like) (?:a |my )?refund|money back|(?:price|cost|bill)\\w* (?:\\S+ ){0,5}(?:was|were|is) (?:higher|more|different)|(?:charged|asked|paid) (?:me |us )?(?:\\S+ ){0,3}more than|(?:cmim\\w*|kosto\\w*|fatur\\w*) (?:\\S+ ){0,5}(?:ishte|qe|doli) (?:me i larte|me e larte|me shume|ndryshe)|(?:me|na) (?:moren|kerkuan|morren) (?:\\S+ ){0,3}(?:me shume|me teper)|(?:made|asked|charged|wanted) (?:me|us) (?:to )?(?:pay )?(?:\\S+ ){0,6}but (?:\\S+ ){0,4}(?:price|cost|app|site|website|listing|booking) (?:\\S+ ){0,3}(?:said|says|showed|shows|was|is)|(?:me|na) (?:bene|bere|benin|detyruan|kerkuan) (?:te |ta )?pagu\\w* (?:\\S+ ){0,6}(?:por|ndersa) (?:\\S+ ){0,4}(?:cmim|kosto|aplikacion|faqe)\\w*|(?:me|na) (?:kerkuan|kerkoi|moren|morren|mori) (?:\\S+ ){0,6}(?:ndersa|por|kurse) (?:\\S+ ){0,4}(?:cmim|kosto|aplikacion|faqe|shkruhej|shkruan|shkruante|thoshte|tregonte|tregon)\\w*|(?:dua|me duhet|kerkoj) (?:nje )?rimburs\\w*|(?:ktheni|kthejini|kthejeni|ma ktheni) (?:\\S+ ){0,2}(?:parat|paret|leket)\\w*") },
  // A complaint goes to the staff, whatever booking or change it tells about.
  { id: "ticket-complaint", intent: "ticket", priority: 446, confidence: 0.85, kind: "request", pattern: W("complain\\w*|ankes\\w*|ankoh\\w*|ankoj|reklamim\\w*|not happy|unhappy|disappointed|not satisfied|(?:i |e )?pakenaqur|(?:i |e )?zhgenjyer"
    // A visit that found the place shut or nobody there ("I got there … and the salon was closed"), or
    // nobody who told the customer ("askush nuk më lajmëroi", "no one warned me").
    + "|(?:askush|asnjeri|kurrkush) (?:nuk |s )?(?:me |na )?(?:lajmeroi|njoftoi|informoi|paralajmeroi|telefonoi|tha)|(?:nobody|no one|noone) (?:\\S+ )?(?:warned|told|called|informed|notified|let) (?:me|us)"
    + "|(?:was|were) (?:closed|shut)|(?:nobody|no one|noone) (?:was )?(?:there|here)|(?:ishte|ishin|qe|kishte|kishin) (?:\\S+ )?mbyllur|(?:nuk|s) (?:kishte|ishte|gjeta) (?:njeri|askend|askush)"
    // A booking gone by itself ("rezervimi u fshi vetë pa e anuluar unë", "it got cancelled without me doing anything").
    + "|u (?:fshi|anulua|anullua|zhduk)\\w* (?:vete|vetvetiu|pa )|pa e (?:anuluar|anulluar|fshire) (?:une|vete)|(?:cancelled|canceled|deleted) (?:by )?itself|without (?:me|my) (?:cancelling|canceling|doing anything)"
    // Messages that go on after a cancellation ("your bot keeps sending me reminders for a booking I cancelled").
    + "|(?:you|it|bot|app|they) keeps? (?:on )?(?:sending|texting|messaging|emailing|calling)|keeps (?:on )?(?:sending|texting|messaging|emailing|calling)|(?:reminders?|messages?|texts?|sms|emails?) (?:\\S+ ){0,3}(?:booking|appointment|reservation) (?:that )?(?:i|we) (?:already )?(?:cancelled|canceled)|vazhdo\\w* (?:te |me )?(?:me |na )?(?:dergo|dergoj|shkruaj|telefono)\\w*|(?:kujtes|njoftim|mesazh|sms)\\w* (?:\\S+ ){0,4}(?:qe|te cilin|te cilen) (?:e )?(?:kam|kemi) anul\\w*"
    // A long wait at the visit ("berberi më la të pres 40 minuta", "they kept me waiting for an hour").
    + "|(?:me|na) (?:la|lane|lan|lene|mbajti|mbajten|mbajtin) (?:(?:te|me) )?(?:pres|presim|pritur|prisja|prisnim)|prita (?:\\S+ ){0,2}(?:\\d+|nje|dy|gjysme|gjysem) (?:minuta|min|ore|or)\\w*|(?:made|kept|left) (?:me|us) (?:\\S+ )?wait\\w*|(?:had to wait|waited) (?:for )?(?:over |more than |almost |nearly |about )?(?:\\d+|an|half an|one|two) (?:min\\w*|hours?)") },
  // Taking one's details out of the system ("hiqni numrin tim nga sistemi") is no cancellation.
  // «më erdhi SMS që termini u anulua, por unë nuk e anulova», "I got a text saying it was cancelled but I
  // never cancelled": a change the customer did not make is the staff's, not a request to cancel.
  { id: "ticket-not-mine", intent: "ticket", priority: 447, confidence: 0.85, kind: "request", pattern: W("(?:une |ne )?(?:nuk|s) e (?:anulova|anuluam|kam anuluar|kemi anuluar|ndryshova|kam ndryshuar|zhvendosa)|(?:me|na) (?:erdhi|erdh|ka ardhur|kane ardhur|vjen|dergoi|derguat|dergua|derguan) (?:nje )?(?:sms|mesazh|email|e mail|njoftim)\\w* (?:\\S+ ){0,5}(?:u anulua|anuluar|u fshi|u zhvendos|u ndryshua|eshte anuluar)|(?:i|we) (?:didn t|did not|never) (?:cancel|move|change)\\w*|(?:got|received|had) (?:a |an )?(?:sms|text|message|email|e mail|notification) (?:\\S+ ){0,6}(?:cancel+ed|moved|changed)") },
  { id: "privacy-remove", intent: "privacy", priority: 448, confidence: 0.9, kind: "request", pattern: W("(?:hiq|fshi)\\w* (?:\\S+ ){0,8}nga (?:sistemi|databaza|baza|regjistri)\\w*|(?:hiq|fshi)\\w* (?:(?:tim|time|im|e|te|dhe|edhe|gjithashtu|mia) )*(?:numr\\w* (?:tim |e )?(?:te |e )?telefon\\w*|numr\\w* (?:tim|e mi)|telefon\\w*|e ?mail\\w*|adres\\w* (?:e |te )?e ?mail\\w*)|(?:delete|erase|remove|wipe) (?:(?:my|both|and|the|also|your) )*(?:phone number|phone|number|e ?mail address|e ?mail|contact details)(?! from (?:the |my )?(?:booking|list))|(?:hiq|fshi)\\w* (?:\\S+ ){0,3}(?:te )?dhenat|remove (?:me|my \\S+) from (?:your |the )?(?:system|database|records)"
    // «fshini llogarinë time», "delete my account", "forget everything about me".
    + "|(?:fshi|mbyll|hiq)\\w* (?:\\S+ ){0,2}llogari\\w*|(?:delete|close|remove|erase) (?:my |the |this )?account|forget (?:everything|all)(?: \\S+){0,2} (?:about|of|on) me"
    // «nuk dua që të mbani numrin dhe emailin tim», "I don't want you to keep my number".
    + "|(?:nuk|s) (?:dua|due|duam) (?:qe )?(?:te |t )?(?:ma |mi |i )?(?:mbani|ruani|keni|mbash|ruash) (?:\\S+ ){0,3}(?:numr|email|e mail|emr|adres|dhena|te dhena)\\w*"
    + "|(?:don t|do not|dont) want (?:you|rezervo|the app) to (?:keep|store|have|save) (?:\\S+ ){0,2}(?:number|email|details|info|information|data|name)") },
  // "cancel tomorrow's haircut and book one for Thursday instead", «anuloje atë të nesërmen dhe më rezervo të enjten
  // në vend të saj»: a move.
  { id: "cancel-rebook", intent: "reschedule", priority: 449, confidence: 0.9, kind: "change", pattern: W("(?:cancel|anulo\\w*) (?:\\S+ ){0,4}(?:and|dhe|e) (?:book|rebook|make|get|put|(?:me |ma )?rezervo\\w*|(?:ma |me )?bej|(?:ma |me )?ben\\w*) (?:\\S+ ){0,6}(?:instead|in its place|ne vend(?: te)?(?: saj| tij| atij| asaj)?)") },
  { id: "cancel", intent: "cancel", priority: 450, confidence: 0.9, kind: "change", pattern: W(`anul\\w*|something (?:has |s )?(?:come|came) up|(?:me|na) (?:doli|ka dale|kane dale|dolen|del) (?:dicka|nje pune|nje problem|pune)|fshi\\w* (?:\\w+ )?(?:rezervim|termin|takim)\\w*|fshije|hiqe|hiqeni|hiqni|hiq\\w* (?:\\w+ )?(?:rezervim|termin|takim)\\w*|heq\\w* (?:\\w+ )?(?:rezervim|termin|takim)\\w*|nuk (?:vij|mund te vij|do te vij)|(?:nuk|s) do (?:te )?mund te vij|(?:ma|ta) fshi\\w*|fshini(?! (?:te )?dhenat)|fshijeni|(?:can t|cannot|won t) (?:make it|come)|(?:can t|cannot|won t) make (?:(?:my|the|our) (?:\\S+ )?(?:booking|appointment|reservation)|(?:${DAY_WORDS}))|(?:won t|will not) be able to (?:make it|come)|unable to (?:make it|come)|(?:nuk|s) (?:kam|me duhet) me nevoje|(?:nuk|s) (?:(?:me|na|m) )?duhe?t (?:me|ma)(?= (?!nevoje)\\S)|(?:nuk|s) (?:e |i )?(?:dua|due|duam) (?:me|ma) (?:\\S+ )?(?:termin|rezervim|takim)\\w*|(?:nuk|s) (?:e |i )?(?:dua|due|duam) (?:ta |t |me )?(?:mbaj|mbajme|mbajm|mba) (?:me|ma)|(?:nuk|s) kam nevoje me|cancel\\w*|call off|let (?:it|(?:the|my) (?:place|spot|slot|booking|appointment|reservation|hold)) go|release (?:it|(?:the|my|this|that) (?:place|spot|slot|booking|appointment|reservation|hold))|forget (?:about )?(?:the|my|this|that) (?:booking|appointment|reservation)|scrap (?:it|my|the)|scrap (?:\\S+ ){0,2}(?:booking|appointment|reservation)|drop (?:it|my|the)|(?:remove|delete) (?:my|the) (?!data|information|personal|account)\\w+|(?:won t|will not|don t|do not) need (?:\\S+ ){0,6}(?:anymore|any more)|no longer need|no (?:more )?need (?:for|of) (?:the|my|this|that|it|\\S+ s)|(?:won t|will not) (?:be )?need(?:ing)? (?:it|the|my|that|this)`) },
  { id: "reschedule", intent: "reschedule", priority: 460, confidence: 0.9, kind: "change", pattern: W(`(?:(?:ta|e|ma|jua|ua) )?vono(?:j|jme|jm|ni|sh|je|jeni|jne)|delay (?:it|my|the|our|this|that)|${EARLIER_MINE}|(?:come|arrive|be there|get there) (?:\\S+ ){0,2}(?:earlier|sooner)|(?:come|arrive|be there) (?:\\S+ ){0,2}later (?:\\S+ ){0,3}(?:same day|that day|on the day)|(?:vij|vijme|ardh\\w*) (?:\\S+ ){0,2}(?:me heret|(?<!sa )me shpejt)|(?:ta|e|ma) (?:sjell|sjellim|sjellin|sjellesh|coj|cojme) (?:\\S+ ){0,2}(?:me|ma) (?:von\\w*|heret|hert)|(?:bring|drop|take) (?:it|them|him|her|(?:the|my|our) \\w+) (?:in |off |over )?(?:\\S+ ){0,2}(?:later|earlier|sooner)|(?:vij|vijme) (?:\\S+ ){0,2}me von\\w* (?:\\S+ ){0,3}(?:njejt\\w* dit\\w*|ate dit\\w*)|ndrysho\\w*(?! mendje)|ndryshim\\w*|shty\\w*|zhvendos\\w*|ndrro\\w*|nderro\\w*|ndrru\\w*|nderru\\w*|leviz\\w*|(?:ta|e|ma|ia|ua|jua) kal(?:o|u)\\w*|reschedul\\w*|(?:move|switch|swap|shift) (?:my|it|the|this|that|our|his|her|them)|(?:move|shift|push) (?:\\S+ ){1,3}(?:to|till|until) (?:next |this )?(?:mon|tue|wed|thu|fri|sat|sun|tomorrow|today|\\d)\\S*|(?:a )?mund te behet (?:(?:ne|per) )?(?:ora |oren |oret )?(?:te )?(?:hene|marte|merkure|enjte|premte|shtune|diel|neser|pasneser|\\d)\\S*|(?:ta|e|ma|ia|jua) (?:leme|lem|lini|lene|len|lejme) (?:per|te|ne)|(?:be|get|gets|got) (?:moved|changed|rescheduled|postponed|pushed)|push (?:it|my|the|back)|postpon\\w*|put off|bring (?:it |my \\w+ |the \\w+ )?forward|booked (?:\\S+ ){1,8}but (?:\\S+ ){0,4}(?:prefer|make it|move it|change it|do it|have it|switch)|prefer (?:\\S+ ){1,5}instead|(?:i d|i would|id|we d|we would) (?:rather|prefer to) (?:come|have it|do it|make it|go|be there)|another day|other day|different (?:day|time|slot|hour|date)|make (?:my|the|it|our) (?:\\S+ ){0,3}(?:later|earlier|sooner)|(?:ta|e|ma|ia) (?:coj|cojme|coni|cojne) (?:(?:termin|rezervim|takim)\\w*|(?:per|te|ne) (?:te )?(?:${DAY_WORDS}))|(?:booking|appointment|reservation|it) (?:go|goes|be) (?:to|on) (?:\\S+ )?(?:${DAY_WORDS}|\\d\\S*)|change (?:my |the )?(?:booking|appointment|time|date)|change (?:my|the|our) (?:\\S+ ){1,2}(?:session|visit|slot|treatment|consultation|appointment|booking|reservation)s?|change (?:my|the) (?:\\w+ ){1,2}(?:to|for)|(?:change|move|switch|shift) it (?:to|for|till|until)|change (?:my|the|our) (?:\\S+ ){1,3}from|(?<!(?:open|opened|closed|work|working|hours) )from (?:(?:the|this) )?(?:${DAY_WORDS}) (?:\\S+ ){0,2}to (?:(?:the|this|next) )?(?:${DAY_WORDS})|another time|tjeter ore|ore tjeter|dite tjeter|(?:${SAME_TIME_WORDS}),? (?:but |just |por |vetem )?(?:on |next |te |ne )?(?:${DAY_WORDS})|(?:${DAY_WORDS}),? (?:at |but |on |po |por |edhe )?(?:${SAME_TIME_WORDS})(?! as(?: |$))|instead of|rather than|(?:ne|in) vend (?:te|të) (?:(?:se|së|te|të) )?(?:ores|ora|oren|\\d\\S*|${DAY_WORDS})|(?:booked|my) (?:\\S+ ){1,14}instead|(?:${DAY_WORDS}|week|morning|afternoon|evening|\\d\\S*)(?: \\S+){0,2} instead|(?:${SAME_TIME_WORDS}) (?:(?:next|the following) week|(?:javen|jave) (?:tjeter|e ardhshme|qe vjen))|(?:(?:next|the following) week|(?:javen|jave) (?:tjeter|e ardhshme|qe vjen)),? (?:at |ne |por )?(?:${SAME_TIME_WORDS})|(?:an?|one|two|three|half an|\\d+) (?:hours?|hrs?|minutes?|mins?|days?|weeks?)(?: and a half)? (?:earlier|later)|(?:the )?(?:day after|following day)(?! tomorrow)|(?:nje|dy|tre|\\d+) (?:dite|jave) (?:me|ma) (?:von\\w*|heret|hert|pare|perpara)|(?:nje|dy|tre|gjysme|gjysem|\\d+) (?:ore|or|minuta|min) (?:me|ma) (?:heret|hert|pare|perpara)|(?:ta|e|ma) (?:bejme|bejm|bej|beni|bojme|bojm|boj|boni) (?:(?:pak|ca|nje cike|(?:nje|dy|tre|\\d+) or[ea]|gjysme ore|(?:\\d+|dhjete|pesembedhjete|njezet|tridhjete) minuta) )?(?:me|ma) (?:von\\w*|heret|hert|pare|perpara|shpejt)|(?:termin|rezervim|takim)\\w* (?:\\S+ ){0,3}(?:e|ta) (?:dua|due|duam|dojme|kerkoj|doja|desha) (?:per |te |ne )?(?:${DAY_WORDS})|(?:e|i) (?:se|te) (?:${DAY_WORDS}) (?:\\S+ ){0,2}(?:e|ta) (?:dua|due|duam|dojme|kerkoj|doja|desha) (?:per |te |ne )?(?:${DAY_WORDS})|(?:e|ta) (?:dua|due|duam|kerkoj|doja|desha) (?:(?:termin|rezervim|takim)\\w* )?(?:(?:pak|ca|nje ore|dy ore|gjysme ore|\\d+ minuta) )?(?:me|ma) (?:heret|hert|von\\w*|perpara|pare)|(?:ta|e) (?:bejme|bejm|bojme|bojm|kemi|kem) (?:te |per |ne )?(?:hene|marte|merkure|enjte|premte|shtune|diel|neser|pasneser|ore|oren|ora|\\d)\\S*|(?:ta|e|ma|ia) (?:kthejme|kthejm|ktheni|kthesh|kthej|kthen|kalojme|kalojm) (?:per |ne |te )(?:ora |oren |ore )?(?:te )?(?:hene|marte|merkure|enjte|premte|shtune|diel|neser|pasneser|\\d)\\S*`) },
  { id: "ticket-failure", intent: "ticket", priority: 470, confidence: 0.85, kind: "request", pattern: W("something (?:is )?wrong|went wrong|(?:someone|somebody) else (?:had|got|took|was given|was in) (?:my|our) (?:slot|time|appointment|booking|place|spot)|(?:sent|turned) (?:me|us) away|dikush tjeter (?:e )?(?:kishte|zuri|mori|kish) (?:orarin|terminin|vendin|oren|rezervimin) (?:tim|tone)|(?:me|na) (?:kthyen|kthyne|nxoren|nxorren) (?:mbrapsht|prapa|pa sherbim)|(?:dicka )?nuk shkon|nuk (?:(?:me|m|po|na) ){0,2}(?:erdhi|vjen|ka ardhur|arriti)|deshto\\w*|failed|fails|failing|(?:kam paguar|kemi paguar|pagova|paguam|i paid|we paid|paid) (?:\\S+ ){0,6}(?:por|but) (?:\\S+ ){0,3}(?:rezervim\\w*|termin\\w*|takim\\w*|booking|appointment|reservation) (?:(?:\\S+ ){0,2}(?:nuk|s) (?:\\S+ ){0,2}(?:del|dal|shfaqet|shihet|duket|gjendet|eshte|ka dale)|(?:isn t|is not|doesn t|does not|didn t|did not|never) (?:\\S+ ){0,2}(?:show\\w*|appear\\w*|there|listed|go through|come through))|(?:rezervova|rezervuam|booked|i booked) (?:\\S+ ){0,6}(?:por|but) (?:\\S+ ){0,3}(?:e ?mail\\w*|sms\\w*|konfirmim\\w*|confirmation|mesazh\\w*|message) (?:\\S+ )?(?:shkruan|thote|shkruhet|tregon|says|shows|said|has)|(?:nuk|s) e (?:kam bere|bera|kam rezervuar)|(?:never|didn t|did not) (?:make|book) (?:it|that|this)|disappear\\w*|vanished|zhduk\\w*|(?:nuk|s) (?:e )?(?:kishin|kishte|gjenin|gjeten) (?:rezervimin|terminin|takimin)|(?:didn t|did not|don t|do not) have my (?:booking|appointment|reservation)|no record of my|(?:nuk|s) (?:kishte|kishin|kish|gjeti|gjeten|gjenin|gjente) (?:asnje |ndonje )?(?:rezervim|termin|takim)\\w*|(?:had|have|found) no (?:record of (?:my |the |a )?|trace of (?:my |the |a )?)?(?:booking|appointment|reservation)s? (?:under|in|with|for) my name|no (?:booking|appointment|reservation) under my name|payment failed|nuk (?:(?:me|po|na) ){0,2}lejon|won t let me|doesn t let me|charged (?:me )?twice|(?:reminder|sms|text|email|e mail|confirmation|message|rikujtues\\w*|kujtes\\w*|sms\\w*|mesazh\\w*|email\\w*|konfirmim\\w*) (?:\\S+ ){0,5}(?:(?:wrong|incorrect|gabuar|gabim) (?:\\S+ )?(?:time|date|day|name|address|price|hour|ore|oren|ora|date|daten|dite|emer|emrin|adres\\w*|cmim\\w*)|(?:ore|oren|ora|daten|data|diten|emrin|adres\\w*|cmim\\w*) (?:e |te )?(?:gabuar|gabim))|(?:me|na) (?:hoqen|hoqi|moren|mori|terhoqen|terhoqi|kane hequr|ka hequr|kane marre) (?:\\S+ ){0,3}(?:dy here|2 here|dyfish)|(?:pagova|paguam|kam paguar|kemi paguar|u pagua|me tarifuan) (?:\\S+ ){0,3}(?:dy here|2 here|dyfish)|double charg\\w*|charged (?:two|2) times|(?:never|didn t|did not|haven t|have not|hasn t|has not) (?:\\S+ )?(?:got|get|receive\\w*|arrive\\w*|come|came) (?:\\S+ ){0,3}(?:e ?mail|mail|sms|text|message|confirmation|code|reminder|receipt|refund)\\w*|(?:e ?mail|sms|text|message|confirmation|code|reminder|receipt|refund)\\w* (?:never|didn t|did not|hasn t|has not) (?:arrive\\w*|come|came)") },
  { id: "privacy", intent: "privacy", priority: 475, confidence: 0.9, kind: "request", pattern: W("(?:te )?dhenat (?:e |te )?(?:mia|mija|personale)|te dhenat personale|(?:shkarko|fshi\\w*|eksporto) (?:te )?dhenat|my (?:personal )?data|my information|delete my data|erase my data|download my data|privacy|privatesi\\w*|gdpr|dhenave (?:e |te )?(?:mia|mija|personale)|forget me|right to be forgotten|(?:delete|erase|remove|wipe) (?:\\S+ ){0,3}(?:personal )?(?:info|information|details)|(?:erase|delete|remove|wipe) (?:everything|all)(?: \\S+){0,2} (?:about|on|of) me") },
  { id: "my-bookings", intent: "my-bookings", priority: 480, confidence: 0.95, kind: "request", pattern: W("^(?:rezervimet|terminet|takimet)$|(?:rezervim\\w*|termin\\w*|takim\\w*) (?:e |te )?(?:mia|mija|mi|im|tim)|(?:rezervim\\w*|termin\\w*|takim\\w*) (?:qe )?kam|^(?:a )?kam (?:ndonje |nje )?(?:rezervim|termin|takim)|(?:kur|ku|a) (?:e )?kam (?:\\S+ ){0,2}(?:rezervim|termin|takim)\\w*|what (?:i|we) (?:have |ve )?booked|my (?:next |upcoming |current |future |coming )?(?:bookings?|appointments?|reservations?)|(?:kur|ne cfare ore|ne c ore|ne sa|cfare ore|ne cilen ore) e kam\\b|shiko rezervim\\w*|show (?:my )?bookings?|(?:trego|tregoni|shfaq|shfaqi)(?: me)? (?:rezervim|termin|takim)\\w*|(?:what|which) (?:appointments?|bookings?|reservations?) (?:do |have )?(?:i|we) (?:have|ve got|got)|(?:do (?:i|we) have|have (?:i|we) got) (?:anything|something|any \\S+) booked") },
  { id: "notifications", intent: "notifications", priority: 490, confidence: 0.85, kind: "request", pattern: W("njoftim\\w*|rikujt\\w*|kujtes\\w*|notification\\w*|reminder\\w*|ndalo (?:mesazhet|sms)|mos me dergoni|mos (?:me|na) (?:shkruani|dergoni|njoftoni)|stop (?:sending|texting|messaging|emailing)|(?:turn|switch) off (?:the |all )?(?:texts?|text messages|sms|messages|emails)|unsubscribe|no more (?:sms|messages|texts|reminders|emails)") },
  { id: "human", intent: "human", priority: 500, confidence: 0.9, kind: "request", pattern: W(`${NOT_WHOM}(?:njeri|njerez\\w*|person\\w*(?: real)?|someone|somebody|dike|dikend|dikush)|operator\\w*|stafi?n?|staff(?: member)?|agjent\\w*|human|agent|real person|me dike|me telefono\\w*|call me|flas me|talk to|speak to|punonjes\\w*`) },
  { id: "ticket", intent: "ticket", priority: 510, confidence: 0.85, kind: "request", pattern: W("problem\\w*|nuk (?:(?:me|po|mund te|m) ){0,2}(?:punon|funksionon|hapet|ngarkohet|shkon)|not working|doesn t work|does not work|isn t working|(?:doesn t|does not|won t|will not|can t|cannot) (?:open|load)|broken|crash\\w*|gabim\\w*|(?:me |ne )?(?:emer|emri|emrin|date|data|daten|ore|ora|oren|numer|numri|numrin|email\\w*) (?:\\S+ )?(?:te |i |e )?gabuar|wrong (?:name|date|time|day|email|number|phone|details|service|business|place|booking|appointment|address|price|information|info|location|hours)|ankes\\w*|ankoh\\w*|ankoj|raporto\\w*|tiket\\w*|ticket|bug|error|complain\\w*|report|defekt\\w*|prishur") },
];
const RESCHEDULE = PATTERN_RULES.find((r) => r.id === "reschedule")!.pattern;
const BOOK_ANOTHER = PATTERN_RULES.find((r) => r.id === "book-another")!.pattern;
const STRONG_CANCEL = W("anul\\w*|fshi\\w*|hiq\\w*|cancel\\w*|call off");
// Something else moved or called off around the booking («dasma u shty», "the wedding got postponed"): it says
// why the booking is cancelled, not that the booking moves.
const EVENT_MOVED = W("(?:dasma|dasem\\w*|festa|ceremonia|eventi|udhetimi|fluturimi|mbledhja|takimi i punes|wedding|party|event|flight|trip|meeting|ceremony|conference) (?:\\S+ ){0,2}(?:u shty|u shtye|u anulua|u ndryshua|u vonua|(?:got|was|has been|is|s been) (?:postponed|moved|cancel+ed|called off|pushed back|delayed))");
// A time or day said as preferred ("më mirë në 2 pasdite", "rather at 5", "better on Friday") after saying
// the customer cannot come moves the booking rather than cancelling it.
// "is Wednesday at 5pm free?", «a është e lirë e mërkura në 5?», «e premtja në 10 a është e lirë?»: another day or time asked about.
const FREE_ASK = W(`(?:is|are|would|will) (?:(?:the )?(?:${DAY_WORDS})|\\d\\S*)(?: \\S+){0,3} (?:free|available|open|possible|ok)|(?:eshte|jane|a eshte) (?:e |i )?lir\\w* (?:\\S+ ){0,2}(?:${DAY_WORDS}|ora|\\d\\S*)|(?:${DAY_WORDS}|ora \\d\\S*)(?: \\S+){0,3} (?:a )?(?:eshte|jane) (?:e |i )?lir\\w*`);
const PREFER = W(`(?:me mire|me mir|mundesisht|rather|better|instead|preferably|ideally)(?: (?:ne|at|on|for|per|te|around|rreth))? (?:ora |oren |\\d\\S*|${DAY_WORDS})`);
// Asking what else there is ("is there anything on Friday?", "a keni vend të enjten?") after saying the
// customer cannot come moves it too.
const OTHER_PLACE = W("(?:is there|are there|do you have|have you got) (?:anything|something|any (?:\\w+ )?(?:slots?|times?|places?|openings?)|a (?:free )?(?:slot|place|spot|time)|space|room)|anything (?:on|for|at|else|later|earlier)");
// Asking for a free place is a request to book, even as a question ("a keni vend të lirë?", "a ka vend të shtunën?").
const AVAIL = W("(?:vend|orar\\w*|ore|termin\\w*)(?: te| e)? (?:i |e )?lir\\w*|(?:ka|keni) vend|free (?:slot|time|spot)s?|availability|any slots?");
const BOOK = W("fit (?:me|us) in|squeeze (?:me|us) in|rezerv\\w*|termin\\w*|takim\\w*|cakto\\w*|book\\w*|appointment\\w*|reserv\\w*|dua te vij|dua nje vend|schedule");
const HELP = W("ndihm\\w*|help|(?:more )?options|opsion\\w*|nuk (?:po )?(?:e )?kuptoj|s kuptoj|i don t understand|menu|si funksionon|si (?:ta|te|t e|mund ta|mund te) perdor\\w*|how (?:do i|to|can i) use (?:this|the|you)|cfare (?:mund te|ben|dini)|what can you do|opsionet|komand\\w*");
const GREETING_WORDS = "pershendetje|pershendes\\w*|tung|ckemi|c kemi|mirdita|miredita|miremengjes|mirembrema|hi|hello|hey|hej|good (?:morning|evening|afternoon)|si jeni|si je|alo|ciao|tungjatjeta";
const GREETING = W(`${GREETING_WORDS}|^(?:c|ca|cfare) ka(?: re)?$`);
// Thanks and goodbyes, answered as such wherever they come ("faleminderit" at the name step is no name).
const THANKS_WORDS = "faleminderit|falemnderit|flm|faleminderit shume|shume faleminderit|thanks|thank you|thank u|thx|many thanks|cheers|rrofsh|rrofshi";
const THANKS = W(THANKS_WORDS);
const BYE_WORDS = "mirupafshim|mirupafshin|bye|bye bye|goodbye|good bye|see you|see ya|naten e mire|nate te mire|good night|gjithe te mirat|dite te mire|have a nice day";
const BYE = W(BYE_WORDS);
// A moment asked for, or an apology: "wait", «prit pak», "one sec", "sorry", «më falni».
const HOLD_WORDS = "wait|wait a (?:sec|second|moment|minute)|hold on|one (?:sec|second|moment|minute)|just a (?:sec|second|moment|minute)|a (?:sec|second|moment)|give me a (?:sec|second|moment|minute)|prit|prit pak|prit nje (?:sekond|minute|moment)|prisni|prisni pak|nje (?:sekond|moment)|nje minute|moment|hmm+|sorry|oops|me fal|me falni|ma fal|pardon";
// The thing under way is not wanted after all: "never mind", "forget it", «lëre», «nuk dua më», «s'ka gjë».
const NEVER_MIND_WORDS = "never ?mind|forget it|forget about it|leave it|(?:i )?(?:ve )?changed my mind|i have changed my mind|(?:e )?ndryshova mendje\\w*|(?:kam )?ndryshuar mendje\\w*|nothing else|nothing|no thanks|no thank you|jo faleminderit|jo flm|jo asgje|asgje tjeter|lere|lereni|lere fare|harroje|harrojeni|nuk (?:e )?dua me|s (?:e )?dua me|nuk me duhet|s me duhet|s ka gje|ska gje|asgje|stop|ndalo";
// Words said with them that change nothing ("ok, thanks a lot", «prit pak ju lutem»).
const COURTESY_FILL = "ok|okay|oh|ah|eh|so|then|and|dhe|please|pls|ju lutem|lutem|shume|a lot|so much|very much|again|pak|per momentin|for now|anyway";
/** A message that is only courtesy, or a second thought about what is under way (see {@link courtesyOnly}). */
export type Courtesy = "greeting" | "thanks" | "bye" | "hold" | "never-mind";
const COURTESY_ONLY: [Courtesy, RegExp][] = ([
  ["greeting", GREETING_WORDS], ["thanks", THANKS_WORDS], ["bye", BYE_WORDS], ["hold", HOLD_WORDS], ["never-mind", NEVER_MIND_WORDS],
] as const).map(([intent, words]) => [intent, new RegExp(`^(?:(?:${COURTESY_FILL}) )*(?:${words})(?: (?:${COURTESY_FILL}|${GREETING_WORDS}|${THANKS_WORDS}|${BYE_WORDS}|${HOLD_WORDS}|${NEVER_MIND_WORDS}))*$`)]);

/**
 * A message that is only a greeting, thanks, goodbye, a moment asked for or "never mind" («faleminderit
 * shumë», "wait", "ok thanks bye"), as which of them it starts with; null when it says anything more
 * ("thanks, my email is …", "sorry, I meant Friday").
 */
export function courtesyOnly(text: string): Courtesy | null {
  const norm = normalize(text);
  for (const [intent, re] of COURTESY_ONLY) if (re.test(norm)) return intent;
  return null;
}
// A question about how things work (not a request like "a mund te anuloj").
const QUESTION = /^(?:si|sa|ku|kur|cfare|c far|pse|perse|cili|cila|cilat|a (?:pranoni|ofroni|eshte|jane|keni|do|duhet|ka|behet|mund te paguaj|dergoni|ruani|jeni)|how|what|why|when|where|which|is|are|do you|does|do i|will)(?= |$)/;
const FAQ_TOPIC = W("pages\\w*|paguaj\\w*|pagu\\w*|paypal|kart\\w*|visa|mastercard|cash|kesh|llogari\\w*|regjistr\\w*|sigur\\w*|te dhena\\w*|privat\\w*|gdpr|kontakt\\w*|email|telefon\\w*|pay\\w*|payment|card|account|sign up|register|data|privacy|secure|support|refund|rimburs\\w*|tarif\\w*|fee|cost|kosto|cmim\\w*|policy|politik\\w*");

// A clause of what happened, opened by "when" / "kur" and a verb in the past.
const NARRATIVE = /^(?:when (?:i|we) (?:\w+ed|went|came|got|called|paid|sent|saw|made|was|were)|kur (?:\w+ova|erdha|shkova|hyra|arrita|mberrita|dola|isha|ishim|ishte|shkuam|erdhem|arritem))(?= |$)/;

/** Minutes late stated in the message ("10 min", "dhjete minuta", "gjysme ore"). */
function minutesLate(text: string): number | undefined {
  if (/(?:^| )(?:an?|one|1|nje|1) (?:hour|hr|ore|or) (?:and a half|e gjysme|e gjysem)(?= |$)|(?:^| )(?:one and a half|1 5) hours?(?= |$)/.test(text)) return 90;
  if (/(?:^| )gjysme ore(?= |$)|(?:^| )gjysem ore(?= |$)|half an? hour|half hour/.test(text)) return 30;
  if (/(?:^| )(?:nje )?cerek(?: ore)?(?= |$)|quarter (?:of an )?hour/.test(text)) return 15;
  if (/(?:^| )(?:an|one|1|nje|1) (?:hour|hr|ore|or)(?= |$)/.test(text)) return 60;
  // "I'll be there in 20", «arrij për 20», «aty pas 10»: the minutes until arriving.
  const m = new RegExp(`(?:^| )(\\d{1,3}|${NUMBER_WORD_RE}|${EN_NUMBER_RE})\\s*(?:min\\w*|')`).exec(text)
    ?? new RegExp(`(?:^| )(?:(?:be |get )?there in|arrive in|arrij (?:per|pas)|vij (?:per|pas)|aty (?:per|pas)|max|at most|maximum|jo me shume se|maksimum) (\\d{1,3}|${EN_NUMBER_RE})(?= |$)`).exec(text)
    ?? new RegExp(`(?:^| )(\\d{1,3}) (?:max|maximum|tops|maksimum)(?= |$)`).exec(text);
  if (!m) return undefined;
  const n = EN_NUMBERS[m[1]] ?? readNumber(m[1]);
  return Number.isFinite(n) && n > 0 ? n : undefined;
}

// English numbers of minutes, as people write a delay ("ten minutes", "twenty five mins").
const EN_NUMBERS: Record<string, number> = {
  five: 5, ten: 10, fifteen: 15, twenty: 20, "twenty five": 25, "twenty-five": 25, thirty: 30, forty: 40, "forty five": 45, "forty-five": 45,
};
const EN_NUMBER_RE = Object.keys(EN_NUMBERS).sort((a, b) => b.length - a.length).join("|");

/** Minutes of a delay said in a message ("10 min", «një çerek ore», "about a quarter of an hour"), or undefined. */
export function minutesSaid(text: string): number | undefined {
  return minutesLate(normalize(text));
}

/** One message as the rules see it. */
interface MessageView {
  norm: string;
  /**
   * Whether a sentence or clause of the message asks whether the customer may do something, says what
   * they need, or is a question tagged on after a request ({@link MAY_I}, {@link NEED}, {@link TAG}).
   */
  mayI(): boolean;
  question: boolean;
  /** Whether the message opens with a question word ("si", "a", "how", "can"), not only ends with "?". */
  worded: boolean;
  category?: string;
  /** True when a pattern rule of one of these kinds matches the message. */
  hits(...kinds: RuleKind[]): boolean;
}

/** A rule of the intent table: a pattern rule, or a test over the message and the other rules. */
interface IntentRule {
  id: string;
  intent: Intent;
  priority: number;
  confidence: number;
  matches(m: MessageView): boolean;
}

// Words a message may open with before what it asks ("thanks. can I book ...", "ok, si anuloj?"): the
// rules that look at how a message begins read it without them.
const OPENING = /^(?:(?:ok|okay|oke|mire|mir|atehere|pra|faleminderit|rrofsh|thanks|thank you|great|fine|perfect|perfekt|so|well|hi|hello|hey|pershendetje|tung|ckemi)(?: |$))+/;

// A question that asks whether the customer may do something is a request, not a question about how things work.
const MAY_I = /^(?:a mund|a mundem|a mundet|a mundeni|mund te|mund ta|mundem|mundeni|a muj|a mujm|a mujme|a mun|a munem|a mundemi|a bon|muj|mujm|can i|could i|can you|could you|can we|could we|can my|could my|can the|could the|may i|(?:is there )?any chance|(?:is|would) it (?:be )?possible|can someone|could someone|can a|could a|is it (?:ok|okay|fine|alright) (?:if|to)|would it be (?:ok|okay|fine|alright) (?:if|to)|(?:is there )?any way (?:to|i can|we can|you can)|can anyone|could anyone|can somebody|could it|can it|would it|is there anything|is there something|do you have anything|have you got anything|a mundesh|mundesh|a mujsh|mujsh|a mundni|mundni|a ka mundesi|ka mundesi|a eshte e mundur|is it possible)(?= |$)|(?:^| )a mund ta(?= |$)|^a (?:e |ta |i )?\w+ dot(?= |$)|^(?:a )?(?:e|ta|ma|ua|jua) (?:anul|shty|ndrysh|kal|zhvendos|fshi|hiq)\w*(?= |$)/;
// "trajtimin e fytyrës mund ta kaloj …": "mund ta/të" after what is asked about, in a clause that does not
// open with a question word ("si mund ta anuloj?" asks how).
const MAY_MID = /(?:^| )mund (?:ta|te|t)(?= |$)/;
// A sentence that says what the customer needs ("më duhet ta ndryshoj …", "I need to …") or asks for it
// ("book me …", "rezervo …") makes a request of the message, whatever question follows it ("…, a ka vend
// të shtunën?").
const NEED = /^(?:me duhet|me nevojitet|dua|desha|kam nevoje|i need|i want|i d like|i would like|we need|we want|book|book me|rezervo|rezervoni|reserve|schedule|cancel|anulo|anuloni|(?:please|pls) (?:book|cancel|reserve|schedule|move|change))(?= |$)/;
// A question tagged on after a request ("… I'd prefer Friday at 6pm instead. possible?", "…, is 3pm ok?") asks for it.
const TAG = /^(?:(?:\S+ ){1,6}instead|possible|is (?:it|that|this) possible|can you|could you|a mundet|a behet|a eshte e mundur|eshte e mundur|a ka mundesi|is (?:\S+ ){0,3}(?:ok|okay|fine|possible|free|available)|would (?:\S+ ){0,3}(?:work|be ok|be okay|be fine)|(?:a )?(?:eshte|shkon) mire|a (?:eshte|jeni) (?:e |i )?lir\w*)$/;
const MINE = PATTERN_RULES.find((r) => r.id === "my-bookings")!.pattern;
const MOVE_TO_DAY = W(`(?:kaloni|kalojeni|kalojini|kaloje|kalojme|kalomani|kalomeni) (?:\\S+ ){0,3}(?:per|ne|tek|te) (?:te |ne |oren |ora )?(?:${DAY_WORDS}|\\d\\S*)`);
const HOW_COMPLAIN = W("(?:si|ku) (?:mund te |te |duhet te |do te )?(?:ankohem|bej (?:nje )?ankese|paraqes (?:nje )?ankese|dergoj (?:nje )?ankese)|(?:how|where) (?:do|can|could|should) i (?:make a |file a |submit a |lodge a |send a )?complain\\w*|how to (?:make a |file a )?complain\\w*");
const SPECIAL_HELP = W("ndihm\\w* (?:e |te )?specializuar|speciali[sz]ed help|special help|special needs|nevoja (?:te )?vecanta");
const NEED_WORD = W("kam nevoje|kemi nevoje|ka nevoje|na duhet|me duhet|i duhet|need|needs|needed|require\\w*|ka autiz\\w*|has autism|is autistic|is disabled|is pregnant|jam shtatzene|eshte shtatzene");
const NOT_LET = W("(?:nuk|s) (?:me |na |po )?(?:le|lejon|lene|lejojne) (?:\\S+ )?(?:te|me) \\S+|(?:won t|doesn t|does not|will not|wont|doesnt) let me \\S+");
const WHEN_MY = W("(?:when|what time|where|which day|what day) (?:is|s|was) my (?:\\S+ ){0,2}\\S+");
// A case supposed ("if something comes up, can I reschedule later?", "nëse më del diçka, a mund ta anuloj?")
// asks how things would go; "if possible" and a day named ("if I can't on Thursday, …") ask for a change now.
const SUPPOSE = W("if(?! possible| it s possible| you can| that s possible)|in case|nese(?! eshte e mundur| mundeni| mundesh| ka mundesi)|ne qofte se|po qe se|ne rast se");
const DAY_NAMED = W(`${DAY_WORDS}|\\d\\S*`);
// "ku mund të bëj një rezervim për fizioterapi?": where to book a kind of service named asks to book it.
const WHERE = /^(?:ku|where)(?= )/;

// Asking to hear when a place frees up, or for the waiting list: "më njoftoni nëse lirohet një vend",
// "notify me if something opens up", "put me on the waiting list".
const WAITLIST = W("waiting list|waitlist|wait list|list(?:a|en|e) e pritjes|liste pritjeje|ne pritje"
  + "|(?:notify|tell|text|message|let|ping|alert|email|update) (?:me|us) (?:know )?(?:\\S+ ){0,2}(?:if|when|once|as soon as) (?!you |u |ya )(?:\\S+ ){0,4}(?:frees?|opens?|becomes? (?:free|available)|cancels?|is free|comes? up)"
  + "|(?:njoftoni|njoftomeni|njoftome|njofto|lajmeroni|lajmeromeni|lajmerome|lajmero|me shkruani|me dergoni (?:nje )?(?:mesazh|sms))(?: \\S+){0,3} (?:nese|nqs|kur|po|sapo|posa) (?:\\S+ ){0,4}(?:lirohet|lirohen|lirohej|lirojne|lirua|liroi|del|hapet|anulon|anulohet)\\w*"
  + "|(?:put|add) (?:me|us) (?:on|to) (?:the |a |your )?(?:\\S+ )?list|in case (?:someone|anyone|somebody) cancels"
  // «a mund të pres në listë?», "can I wait on the list?"
  + "|(?:pres|presim|prisni) (?:ne|per) (?:list\\w*|radh\\w*)|wait on (?:the |a |your )?list|radh\\w* (?:e |te )?pritje\\w*"
  // «nqs liron dikush vendin», «nëse lirojnë ndonjë orar»: someone giving up their place.
  + "|(?:nese|nqs|po|kur|ne rast se) (?:\\S+ )?(?:liron|lirojne|liroi|lirojn) (?:\\S+ ){0,2}(?:vend\\w*|orar\\w*|termin\\w*)"
  // The case first: "nëse lirohet ndonjë vend të shtunën, më lajmëroni", "if a slot opens up, let me know".
  + "|(?:nese|nqs|kur|po|sapo|posa) (?:\\S+ ){0,1}(?:lirohet|lirohen|hapet|hapen|del)\\w* (?:\\S+ ){0,4}(?:me |na )?(?:njoftoni|njoftomeni|njoftome|lajmeroni|lajmeromeni|lajmerome|shkruani|me shkruani)"
  + "|(?:if|when|once) (?:a |any |some )?(?:\\S+ ){0,2}(?:opens? up|frees? up|becomes? (?:free|available)) (?:\\S+ ){0,3}(?:let|tell|notify|text|message) (?:me|us)"
  // Someone else's cancel waited for: "tell me if there's a cancellation", «nëse anulon dikush më shkruani».
  + "|(?:if|when|in case) (?:there s|there is|there are|theres|you get|you have) (?:a |any )?cancellations?(?! (?:fee|policy|charge|rule|term|cost|polic))"
  // ("cancels" is read as a slip of "cancel" before matching)
  + "|(?:if|when|in case) (?:someone|anyone|somebody|anybody) (?:else )?cancel\\w*(?! (?:my|our|me|it|the booking))"
  + "|(?:nese|nqs|po|kur|ne rast se) (?:(?:anulon|anuloi|anulojne|heq dore|heqin dore) (?:dikush|ndokush|ndonjeri|ndonje klient\\w*)|(?:dikush|ndokush|ndonjeri) (?:\\S+ )?(?:anulon|anuloi|heq dore))");

const MY_TICKETS = PATTERN_RULES.find((r) => r.id === "my-tickets")!.pattern;
// Whether a person is there to talk to ("a ka ndonjë njeri aty?", "is there anyone there?").
const ANYONE = W("a ka (?:ndonje |nje )?(?:njeri|dikush|punonjes)|is (?:there )?(?:anyone|anybody|someone|somebody|a (?:real )?person|a human)(?: (?:there|here|around|real|available))?$");
// What the customer asks about their own data ("what do you know about me?", "çfarë të dhënash keni për mua?").
const MY_DATA = W("(?:what|which) (?:personal )?(?:data|information|info|details) (?:do )?you (?:have|keep|store|hold)|(?:data|information|info|details) (?:that )?you (?:have|keep|store|hold) (?:on|about) me|copy of (?:\\S+ ){0,3}(?:my )?(?:data|information|info)|(?:cfare|c) (?:\\S+ )?(?:dini|njihni|keni) (?:per mua|rreth meje)|what do you (?:know|have|keep|store|hold) (?:about|on) me|(?:cfare|cila|cilat) (?:te )?(?:dhena|informacion)\\w* (?:\\S+ )?(?:keni|mbani|ruani)(?: \\S+)? (?:per mua|rreth meje|per mu)");
// Asking how to stop the reminders or messages.
const STOP_NOTICES = W("(?:ndal|ndaloj|ndalim|fik|caktivizo|stop|turn off|switch off|disable|mute)\\w* (?:\\S+ ){0,2}(?:njoftim|kujtes|rikujt|notification|reminder|sms|text message|mesazh)\\w*");
// A refund waited for ("where is my refund?", "ku janë paratë e mia?").
// Something left behind at a business: "I left my jacket at the barber", «kam lënë një çantë te Marina Spa dje,
// si mund ta marr?» (asked as a question too): the staff find it, not the FAQ.
const LOST_ITEM = W("(?:kam lene|kam len|lashe|harrova|kam harruar|kam harru|humba|kam humbur|i left|i forgot|left my|forgot my|lost my) (?:\\S+ ){0,3}(?:cant\\w*|celes\\w*|telefon\\w*|portofol\\w*|xhaket\\w*|syze\\w*|cadr\\w*|pallto\\w*|shall\\w*|unaz\\w*|vath\\w*|bags?|phone|keys?|wallet|jacket|glasses|sunglasses|umbrella|coat|purse|scarf|ring|earrings?)(?= (?:at|in|there|te|tek|ne|aty|atje|dje|yesterday|today|sot))");
const REFUND_MISSING = W("(?:never|didn t|did not|haven t|have not|hasn t|has not) (?:\\S+ ){0,2}(?:got|get|received|receive|gotten) (?:my |the |our )?(?:deposit|refund|money)(?: back)?|(?:deposit|refund|money) (?:\\S+ ){0,3}(?:never|still hasn t|still has not|hasn t|has not) (?:\\S+ )?(?:come|came|arrived|been (?:returned|refunded|paid back))|(?:nuk|s) (?:me |m |na )?(?:u |jane |eshte |kane |ka )?(?:kthye|kthyen|kthyer|rikthyer) (?:\\S+ ){0,2}(?:paradheni\\w*|parat\\w*|paret\\w*|leket|lekte)|(?:paradheni\\w*|parat\\w*|paret\\w*|leket) (?:\\S+ ){0,2}(?:nuk|s) (?:\\S+ ){0,2}(?:kthye|kthyen|kthyer|rikthyer)|(?:where is|where s|what happened to|still (?:no|waiting for)|haven t (?:got|received)|have not (?:got|received)) (?:my |the )?(?:refund|money)|ku (?:jane|jan|eshte|osht|asht) (?:\\S+ )?(?:parat|paret|leket|rimbursim|kthimi)\\w*"
  // «… depozitë … ende nuk më janë kthyer», «paratë nuk m'u kthyen»: money not given back.
  + "|(?:depozit|parat|paret|leke|leket|pages)\\w* (?:\\S+ ){0,14}(?:nuk|s) (?:(?:me|na|m|ma|ua) )?(?:(?:jane|eshte|jan|osht|u|i kane|e kane|kane) )?(?:kthyer|kthye|kthyen|kthy)\\w*");

const PASS_ON = W("pass (?:this|it|that) (?:on|along)|let (?:your|the) (?:team|staff|people|support) know|tell (?:your|the) (?:team|staff|support)|forward (?:this|it|that) to (?:your|the)|(?:t ia|ta|t a|ia) (?:kaloni|percillni|percjellni|thoni) (?:stafi\\w*|ekipi\\w*|dikujt)|(?:njoftoni|lajmeroni) (?:stafi\\w*|ekipi\\w*)");

/** Every rule of the table; tried by priority (lower first), the first that matches decides the intent. */
const RULES: readonly IntentRule[] = [
  { id: "waitlist", intent: "waitlist", priority: 50, confidence: 0.85, matches: (m) => WAITLIST.test(m.norm) },
  // «kaloni gomat për të premten në 9», «kalojeni terminin për nesër»: moving something to a day said.
  { id: "move-to-day", intent: "reschedule", priority: 90, confidence: 0.9, matches: (m) => MOVE_TO_DAY.test(m.norm) },
  // Asking for a free place books, unless the message also navigates or changes a booking.
  { id: "free-place", intent: "book", priority: 100, confidence: 0.85, matches: (m) => (AVAIL.test(m.norm) || OTHER_PLACE.test(m.norm)) && !m.hits("navigation", "change") },
  // "A kam ndonjë rezervim?" lists the bookings (a question about paying or changing one is not that).
  { id: "my-bookings-question", intent: "my-bookings", priority: 200, confidence: 0.9, matches: (m) => m.question && MINE.test(m.norm) && !FAQ_TOPIC.test(m.norm) && !m.hits("change") },
  // «si mund të ankohem për një biznes?», "how do I complain?": the complaint itself, not an FAQ topic;
  // «ndihmë e specializuar», "special needs": the staff's specialised help, not the bot's help text.
  { id: "how-complain", intent: "ticket", priority: 203, confidence: 0.85, matches: (m) => HOW_COMPLAIN.test(m.norm) },
  { id: "special-help", intent: "ticket", priority: 204, confidence: 0.85, matches: (m) => SPECIAL_HELP.test(m.norm) },
  // «kam nevojë për karrocë për nënën time», "my son is autistic, we need …": a special need told is for staff.
  { id: "special-need", intent: "ticket", priority: 206, confidence: 0.85, matches: (m) => NEED_WORD.test(m.norm) && speaksOfSpecialNeeds(m.norm) },
  // "when is my massage?", "what time is my haircut tomorrow?": one's own booking of a kind of service (a
  // catalog word) asked about; "when is my refund?" is not.
  { id: "my-booking-when", intent: "my-bookings", priority: 202, confidence: 0.9, matches: (m) => m.question && !!m.category && WHEN_MY.test(m.norm) },
  // "What happened with my complaint ticket?" asks for one's tickets; "a ka ndonjë njeri aty?" for a person.
  { id: "my-tickets-question", intent: "my-tickets", priority: 205, confidence: 0.9, matches: (m) => m.question && MY_TICKETS.test(m.norm) },
  // "please pass this on to your team", «t'ia kaloni stafit»: the message is for staff, whatever it is about.
  { id: "pass-on", intent: "human", priority: 457, confidence: 0.85, matches: (m) => PASS_ON.test(m.norm) },
  { id: "human-question", intent: "human", priority: 210, confidence: 0.85, matches: (m) => m.question && ANYONE.test(m.norm) },
  // "What data do you have about me?" asks for one's data; "where is my refund?" for staff to look into it.
  // Said as a wish too: "dua të shoh çfarë të dhënash keni ruajtur për mua".
  // "si mund t'i ndal njoftimet?", "how do I turn off reminders?": the settings that stop them, not the FAQ.
  { id: "stop-notifications", intent: "notifications", priority: 230, confidence: 0.85, matches: (m) => STOP_NOTICES.test(m.norm) },
  { id: "my-data", intent: "privacy", priority: 240, confidence: 0.85, matches: (m) => MY_DATA.test(m.norm) },
  { id: "refund-missing", intent: "ticket", priority: 245, confidence: 0.85, matches: (m) => REFUND_MISSING.test(m.norm) },
  // "my husband too, same time", «edhe burrin tim në 9:30 të njëjtën ditë»: someone else booked for a day or time.
  { id: "for-another", intent: "book", priority: 437, confidence: 0.85, matches: (m) => forAnother(m.norm) && (DAY_NAMED.test(m.norm) || saysSameTime(m.norm) || !!saysSameDay(m.norm)) },
  // «aplikacioni nuk më lë të shtoj numrin», "the app won't let me add my phone": something that does not work.
  { id: "not-let", intent: "ticket", priority: 249, confidence: 0.85, matches: (m) => NOT_LET.test(m.norm) },
  { id: "lost-item", intent: "ticket", priority: 247, confidence: 0.85, matches: (m) => LOST_ITEM.test(m.norm) },
  // A change asked about for a case supposed, with no day named, is a question about how it would go.
  { id: "supposed-change", intent: "faq", priority: 250, confidence: 0.75, matches: (m) => m.question && SUPPOSE.test(m.norm) && m.hits("change") && !DAY_NAMED.test(m.norm) },
  // A question about how something works gets an FAQ answer ("si anuloj?"), not the action itself. Asking
  // how to book something named for a day or time named ("qysh mundem me rezervu nji pastrim dhambesh te
  // DentaPlus per t'premten n'ora 9?"), or where to book a kind of service named, asks for that booking.
  // A change with a day or time named, asked only by its "?" ("masazhin e së mërkurës e çoj për të enjten
  // në 3?"), asks for that change.
  {
    id: "how-question", intent: "faq", priority: 300, confidence: 0.75,
    matches: (m) => m.question && !m.mayI() && !EARLIER_MINE_RE.test(m.norm) && (FAQ_TOPIC.test(m.norm) || m.hits("change", "request") || BOOK.test(m.norm))
      && !(!m.worded && (m.hits("change") || BOOK_ANOTHER.test(m.norm)) && DAY_NAMED.test(m.norm) && !FAQ_TOPIC.test(m.norm))
      && !(BOOK.test(m.norm) && !!m.category && (DAY_NAMED.test(m.norm) || WHERE.test(m.norm)) && !FAQ_TOPIC.test(m.norm) && !m.hits("change", "request")),
  },
  ...PATTERN_RULES.map((r) => ({ ...r, matches: (m: MessageView) => r.pattern.test(m.norm) && !(r.notForService && m.category) })),
  { id: "topic-question", intent: "faq", priority: 600, confidence: 0.7, matches: (m) => m.question && FAQ_TOPIC.test(m.norm) },
  { id: "book-words", intent: "book", priority: 700, confidence: 0.9, matches: (m) => BOOK.test(m.norm) },
  { id: "service-named", intent: "book", priority: 800, confidence: 0.75, matches: (m) => !!m.category },
  { id: "help", intent: "help", priority: 900, confidence: 0.85, matches: (m) => HELP.test(m.norm) },
  { id: "greeting", intent: "greeting", priority: 1000, confidence: 0.85, matches: (m) => GREETING.test(m.norm) },
  { id: "thanks", intent: "thanks", priority: 1010, confidence: 0.85, matches: (m) => THANKS.test(m.norm) },
  { id: "bye", intent: "bye", priority: 1020, confidence: 0.85, matches: (m) => BYE.test(m.norm) },
];
const TABLE = [...RULES].sort((a, b) => a.priority - b.priority);

if (new Set(TABLE.map((r) => r.priority)).size !== TABLE.length) throw new Error("intent rules need distinct priorities");

/**
 * Recognises what a message asks for (sq or en, with or without diacritics); null when unsure. With the
 * catalog's words, a message naming a kind of service ("masazh terapeutik") is a request to book it.
 */
export function detectIntent(text: string, catalog?: CatalogWords): IntentResult | null {
  const raw = normalize(text);
  if (!raw) return null;
  // A person's name ("Tonin Gjura") is not a typo of a command word ("gjuha"): written as one, it is read as typed.
  const fix = NAME_LIKE.test(text.trim()) ? (ws: string[]) => ws : correct;
  const category = catalog?.categoryOf(fix(raw.split(" ")).join(" "));
  // A business's or a service's own name says nothing about what is asked ("Lëvizja" is not "lëviz", to
  // move; "ndërroni gomat" names the tyre change); a message that is only a name asks for nothing by its words.
  const unnamed = catalog?.withoutNames ? catalog.withoutNames(raw) : raw;
  const norm = fix(unnamed.split(" ")).join(" ");
  const seen = new Map<RuleKind, boolean>();
  const kindHits = (k: RuleKind): boolean => {
    let v = seen.get(k);
    if (v === undefined) seen.set(k, (v = PATTERN_RULES.some((r) => r.kind === k && r.pattern.test(norm))));
    return v;
  };
  const lead = norm.replace(OPENING, "") || norm;
  // Read from where the request starts: "thanks. can I book …", "something came up, could we push …"
  // (only asked of a question, so a message that is none splits nothing).
  // Clauses end at a stop or at "but" ("I booked a facial for Wednesday but can I make it Thursday …?").
  // A dash between spaces ends a clause too ("my manicure on thursday - any chance for the afternoon?").
  const mayI = () => text.split(/[,.;:!?]+|\s[-–—]\s|\s(?:but|por|however)\s/i).some((c) => {
    const clause = normalize(c).replace(OPENING, "");
    return !!clause && (MAY_I.test(clause) || NEED.test(clause) || TAG.test(clause) || (MAY_MID.test(clause) && !QUESTION.test(clause)));
  });
  // "When I arrived …", "kur shkova …" tells what happened; it asks nothing by its first word.
  const worded = QUESTION.test(lead) && !NARRATIVE.test(lead);
  const view: MessageView = { norm, mayI, question: /\?\s*$/.test(text) || worded, worded, category, hits: (...kinds) => kinds.some(kindHits) };
  const rule = TABLE.find((r) => r.matches(view));
  if (!rule) return null;
  // "nuk vij dot të martën, a mund ta kaloj për të premten?" and "I can't make it Thursday, is there
  // anything on Friday?" move the booking; only "anulo" cancels it.
  // So does another day asked for ("any chance for Friday same hour?", «a ka mundësi të premten?»).
  const own = norm.replace(EVENT_MOVED, " ");
  const otherTime = () => RESCHEDULE.test(own) || PREFER.test(norm) || AVAIL.test(norm) || OTHER_PLACE.test(norm) || ANOTHER_DAY.test(norm) || FREE_ASK.test(norm) || saysSameTime(norm);
  // "my flight was delayed, please cancel my massage": the delay is the flight's; the booking is cancelled.
  const othersDelay = (rule.intent === "running-late" || rule.intent === "reschedule") && own !== norm && STRONG_CANCEL.test(own) && !rule.matches({ ...view, norm: own });
  const intent: Intent = othersDelay ? "cancel" : rule.intent === "cancel" && !STRONG_CANCEL.test(norm) && otherTime() ? "reschedule" : rule.intent;
  const out: IntentResult = { intent, confidence: rule.confidence, ...(category ? { category } : {}) };
  if (rule.intent === "language") {
    if (/anglisht|english/.test(norm)) out.lang = "en";
    else if (/shqip|albanian/.test(norm)) out.lang = "sq";
  }
  if (rule.intent === "running-late") {
    const minutes = minutesLate(norm);
    if (minutes) out.minutes = minutes;
  }
  return out;
}
