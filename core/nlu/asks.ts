import { normalize } from "./normalize.ts";

/** What a customer asks about a business or a service: its price, how long it takes, where it is, when it is open, its phone, how it is paid. */
export type InfoAsked = "price" | "duration" | "where" | "hours" | "phone" | "payment";

// «sa kushton?», "how much is it?", "what does a facial cost?"; «çmimi?», "price?" as a question.
const PRICE = /(?:^| )(?:sa (?:kushton|kushtojne|kushtojn|kushtoj|del|eshte cmimi|osht cmimi|leke|lek|para)|how much|what (?:does|do|would) (?:\S+ ){0,3}cost|what s the price|what is the price)(?= |$)/;
const PRICE_WORD = /(?:^| )(?:cmim|cmimi|cmimin|cmimet|prices?|costs?)(?= |$)/;
// «sa kohë zgjat një mbushje?», «sa zgjat?», "how long does a facial take?", "how long is the massage?".
const DURATION = /(?:^| )(?:sa (?:kohe |minuta |ore |gjate )?(?:zgjat|zgjatin|zgjate|do zgjase|do te zgjase|merr|kerkon)|kohezgjatj\w*|how long (?:does|do|will|would) (?:\S+ ){1,4}(?:take|last)|how long is (?:a|an|the|one|each|it|this|that)(?= |$)|how many minutes|duration)(?= |$)/;
// How long something else takes (a refund, a code, the wait, the time to cancel): not the service's length.
const NOT_A_SERVICE = /(?:^| )(?:refund\w*|rimburs\w*|kthim\w*|parat|paret|leket|konfirm\w*|confirm\w*|e ?mail\w*|sms|kod\w*|code|pritj\w*|prit|pres|wait\w*|cancel\w*|anul\w*|deposit\w*|depozit\w*|pages\w*|payment\w*|ticket\w*|kerkes\w*|answer|reply|pergjigj\w*|drive|udhe\w*)(?= |$)/;
// A weekday or "today"/"tomorrow" after asking whether a place works or is open ("a punoni të dielën?",
// "are you open on Sunday?", "do you work Saturdays?"); not "anything open on Saturday" (a free time).
const DAY = "(?:te |ne )?(?:hene|marte|merkure|enjte|premte|shtune|diel|sot|neser|monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|tomorrow)\\w*";
// («çfarë oraresh keni të lira nesër?» asks for the free times, a booking's question, not the opening hours.)
const OPEN_ON = new RegExp(`(?:^| )(?:(?:a )?(?:punoni|punojne|punojn|punon|punojme|jeni hapur|eshte hapur|jane hapur|keni hapur|hapni|hapeni)(?: \\S+){0,2} ${DAY}|(?:are|is) (?:you|they|it|(?!anything|something|any)\\S+(?: \\S+)?) open (?:on |this |next )?${DAY}|do (?:you|they) (?:work|open) (?:on |this |next )?${DAY}|(?:what are|when are) (?:you|your|they|their) (?:hours|open)|(?:cfare|cili|c) orar\\w* (?:keni|kane|ka|eshte)(?!(?: \\S+)?(?: te| e)? (?:lir|bosh)))(?= |$)`);
// «ku ndodhet?», «adresa?», "where are you?", "where is it located?".
const WHERE = /(?:^| )(?:sa larg (?:eshte|osht|jeni|ndodhet|e keni)|how far|ku (?:ndodhet|ndodheni|ndodhen|gjendet|gjendeni|jeni|e keni|eshte|osht|o) (?!rezervim|termin|takim|parat|kthimi)|ku (?:ndodhet|ndodheni|ndodhen|gjendet|gjendeni|jeni)$|adresa|adresen|adrese|adresa e|address|location|located|where (?:exactly )?(?:is|are) (?:you|it|they|the (?:place|shop|salon|clinic|barber|garage|spa))|where (?:exactly )?(?:is|are) (?!my |our |your |the |a |an |any |there |it |they |you )(?=\S)|where can i find (?!a |an |any |the )(?=\S)|where s (?:it|the place)|where exactly)(?= |$|\S)/;
// «orari i Elegance?», «kur hapeni?», "opening hours", "what time do you close?".
const HOURS = /(?:^| )(?:orari (?:i|e) (?!lir|lire|zene|ri\b|pare\b|pari\b|fundit\b|tjeter\b|me\b|mengjes|dites|pasdit|mbremj)\S+|orari juaj|orari i punes|oraret e punes|kur (?:hapeni|mbyllni|hapet|mbyllet|hapen|mbyllen)|deri (?:ne|në) sa (?:jeni|punoni|eshte) hapur|opening hours|business hours|your hours|(?:what time|when) do (?:you|they) (?:open|close)|(?:what time|when) does (?:it|\S+(?: \S+)?) (?:open|close))(?= |$)/;

// "what's the phone number of Autoservis Alba?", «cili është numri i telefonit të klinikës?», "how can I call
// them?"; not one's own number ("my phone number is …", «numri i telefonit tim»).
const PHONE = /(?:^| )(?:(?:what s|what is|whats|give me|send me|can i (?:have|get)|could i (?:have|get)|do you have|do they have|i need|need) (?:the |your |their |a |an )?(?:phone|telephone|contact|mobile)(?: number)?|(?:phone|telephone|contact) (?:number )?(?:of|for)|how (?:can|do|could) i (?:call|phone|ring|reach|contact) (?:you|them|the|\S+)|number to call|(?:what s|what is|whats) (?:the |your |their )?number (?:for|of)(?! (?:my|our|the|this|that) (?:booking|appointment|reservation|ticket|order))|(?:numri|numrin|nr) (?:i |e )?(?:telefonit|tel|celularit|kontaktit)(?! (?:tim|im|ime|jone))|si (?:t i|ti|t ju|tu|mund t i|mund ti) (?:marr|telefonoj|kontaktoj)|(?:cili|sa) (?:eshte |osht |esht )?(?:numri|nr)(?! (?:i|e) (?:rezervimit|biletes|kerkeses|ticket))|a (?:keni|kane|ka) (?:nje )?(?:numer|nr|telefon))(?= |$)/;

// How a business is paid: "do I have to pay online?", "is it paid in advance?", "can I pay the rest in cash at the
// clinic?", "do you take cards?", «a mund ta paguaj paradhënien në vend?», «a pranoni pagesë me kartë?», «sa është
// paradhënia?»; not having a card says it too ("I don't have a card", «s'kam kartë»).
const PAYMENT = /(?:^| )(?:pay(?:ing)? (?:\S+ ){0,3}(?:online|in advance|upfront|up front|beforehand|(?:right )?now|right away|straight away|by card|with (?:a |my )?card|(?:in )?cash|on (?:site|the spot|arrival)|at the (?:place|clinic|salon|spa|shop|garage|desk|reception|counter|end|door)|there|later|in person)|paid (?:in advance|online|upfront|up front|beforehand|by card)|prepa(?:y|id|yment)|deposit|(?:take|accept)s? (?:credit |debit )?(?:cards?|cash)|card or cash|cash or card|pag(?:uaj|uajme|uani|uhet|uar|esa|esen|ese)(?: \S+){0,3} (?:online|me kart\w*|kesh|cash|ne vend|atje|paraprakisht|perpara|me pare|(?:qe )?tani|menjehere)|pag(?:uaj|uajme|uani|uhet|uar) (?:qe )?tani|parapag\w*|paradhen\w*|depozit\w*|pranoni (?:\S+ ){0,2}(?:kart\w*|kesh|cash)|me kart\w* apo (?:kesh|cash|ne vend)|kesh apo (?:me )?kart\w*)(?= |$)/;
// The deposit asked about («sa është paradhënia?», "how much is the deposit?"): how the business is paid, not a price.
const DEPOSIT = /(?:^| )(?:deposit\w*|prepayment|paradhen\w*|parapagim\w*|depozit\w*)(?= |$)/;
// "What payment methods does … accept?", "how do I pay?", «si paguhet?», «mënyrat e pagesës».
const HOW_PAID = /(?:^| )(?:payment (?:methods?|options?)|ways? to pay|how (?:do|can|would|should) (?:i|we|you) pay|how is (?:it|this|that|the \S+) paid|menyr\w* (?:e |te )?pages\w*|si (?:paguhet|paguaj|te paguaj|mund te paguaj|behet pagesa))(?= |$)/;
const NO_CARD = /(?:^| )(?:(?:don t|do not|dont) have (?:a |any )?(?:credit |debit )?card|no (?:credit |debit )?card|(?:s|nuk) (?:e )?kam kart\w*)(?= |$)/;

/** What the message asks about a business or service, or null. */
export function infoAsked(text: string): InfoAsked | null {
  const s = normalize(text);
  // A price word alone is a question only when asked as one ("Daniel Price" is a name).
  const asked = asksSomething(text) || /\?/.test(text);
  if (asked && DEPOSIT.test(s)) return "payment";
  if (PRICE.test(s) || (PRICE_WORD.test(s) && /\?\s*$/.test(text))) return "price";
  if (DURATION.test(s) && !NOT_A_SERVICE.test(s)) return "duration";
  if (HOURS.test(s) || OPEN_ON.test(s)) return "hours";
  if (WHERE.test(s)) return "where";
  if (PHONE.test(s) && !/\d{6}/.test(text.replace(/\D/g, ""))) return "phone";
  if (((PAYMENT.test(s) || HOW_PAID.test(s)) && asked) || NO_CARD.test(s)) return "payment";
  return null;
}

// «kur e kam terminin?», «në sa e kam?», «ku është klinika ku kam terminin?», "when's my appointment?",
// "what time is my booking tomorrow?", "where is my appointment?".
const WHEN_OR_WHERE = /(?:^| )(?:kur|ku|ne sa|ne cfare ore|cfare ore|ne c ore|ne cilen ore|ne cilen dite|cilen dite|cila dite|when|where|what time|at what time|which day|what day)(?= |$)/;

/**
 * Whether a message about one's own booking asks when or where it is ("when is my appointment?"), not
 * something else about bookings ("do I get a reminder before my appointment?").
 */
export function asksWhenOrWhere(text: string): boolean {
  return WHEN_OR_WHERE.test(normalize(text));
}

// What a place has or does that the catalog does not say: parking, wifi, a lift, access for a wheelchair, the
// languages spoken, pets, a waiting room, certificates, a warranty, what it accepts (electric cars) …
const PLACE = /(?:^| )(?:parking|park|parkim\w*|wifi|wi fi|internet|elevator|lift|ashensor\w*|wheelchair|karroc\w*|accessib\w*|toilet\w*|tualet\w*|bathroom|kondicioner\w*|air con\w*|english|anglisht|italisht|italian|speak|flasin|flisni|flet|pets?|dogs?|qen|qenin|kafsh\w*|towels?|peshqir\w*|smok\w*|duhan\w*|coffee|kafe|waiting room|certif\w*|licen[cs]\w*|warrant\w*|garanci\w*|an(?:a)?esthe\w*|anestez\w*|x rays?|grafi\w*|rekomandim\w*|referral|kids? corner|playground|lodra|pranon\w*|accept\w*|elektrik\w*|electric\w*|hibrid\w*|hybrid\w*)(?= |$)/;

/** Whether a message asks what a place has or does beyond its services ("does Sallon Elegance have parking?"). */
export function asksAboutPlace(text: string): boolean {
  return PLACE.test(normalize(text));
}

// A question's first words: Albanian «a», «si», «sa», «kur», «ku», «pse», «çfarë», «cili»; English wh-words;
// "can", "do", "is" … only before whom or what they ask about ("can I …", "is there …"): Albanian «do»
// (will) opens statements («do vonohem 15 minuta»), and "can't make it" asks nothing.
const QUESTION_OPENING = /^(?:a|si|sa|kur|ku|pse|cfare|cili|cila|how|what|when|where|why|who|which|(?:can|could|do|does|is|are|will|would|should) (?:i|you|u|we|they|it|he|she|the|my|your|our|their|this|that|these|those|there|a|an|any|anyone|someone|people))(?= |$)/;

/** Whether a normalised message opens as a question does ("a mund …", "how do I …", "can you …"). */
export function opensAsQuestion(norm: string): boolean {
  return QUESTION_OPENING.test(norm);
}

/** Whether a message asks something: it ends with a question mark or opens as a question. */
export function asksSomething(text: string): boolean {
  return /\?\s*$/.test(text) || opensAsQuestion(normalize(text));
}
