import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { courtesyOnly, detectIntent, minutesSaid } from "../../core/nlu/intent.ts";
import { normalize, stem, tokens } from "../../core/nlu/normalize.ts";
import { EntityIndex } from "../../core/catalog/entity-index.ts";
import { seedSnapshot } from "../../core/catalog/seed.ts";
import { demoCatalog } from "../../prisma/seed/catalog.ts";

/** The demo catalog's words (category ids are the slugs here). */
const catalog = new EntityIndex(seedSnapshot(demoCatalog));

/** The Albanian names of the services a text names at the business so named. */
const servicesNamed = (business: string, text: string) => {
  const b = [...catalog.businesses.values()].find((x) => x.name === business)!;
  return catalog.servicesAt(text, b.id).map((id) => catalog.services.get(id)?.nameSq);
};

describe("normalize", () => {
  it("folds Albanian letters and punctuation", () => {
    expect(normalize("  Nesër, në orën 10:30! ÇKA?")).toBe("neser ne oren 10 30 cka");
    expect(stem("rezervimin")).toBe(stem("rezervoj"));
    expect(tokens("pagesat")).toEqual(tokens("pagesë"));
  });
});

describe("detectIntent", () => {
  it.each([
    ["dua te rezervoj nje termin", "book"],
    ["rezevroj", "book"], // typo
    ["rezervimet e mia", "my-bookings"],
    ["dua ta anuloj rezervimin tim", "cancel"],
    ["ndrysho orën", "reschedule"],
    ["Can I change it to Saturday 10am?", "reschedule"],
    ["I booked a colour and cut at Sallon Adriana on Friday from my husband's phone. Can I change it to Saturday 10am?", "reschedule"],
    ["flas me nje njeri", "human"],
    ["dy qethje te Ardit, njëra për djalin tim", "book"], // «njëra» (one of them) is no slip of «njeri»
    ["kam paguar me karte por rezervimi nuk me del fare", "ticket"], // «paguar» (paid) is no slip of «paguaj»
    ["I paid by card but the booking doesn't show up", "ticket"],
    ["kam paguar por dua te rezervoj edhe nje", "book"],
    ["a mund ta sjell makinen me vone, ne 10?", "reschedule"],
    ["I can't make it tomorrow morning, is Wednesday at 5pm free?", "reschedule"],
    ["anything earlier today for my haircut?", "reschedule"],
    ["a ka ndonje orar me heret sot per qethjen time?", "reschedule"],
    ["termini im i 3 dhjetorit a mund te behet 5 dhjetor ne te njejten ore?", "reschedule"],
    ["me kerkuan 1500 leke per qethjen ndersa ne aplikacion shkruhej 800", "ticket"],
    ["cancel tomorrow's haircut and book one for Thursday at 10 instead", "reschedule"],
    ["nuk vij dot neser, a eshte e lire e merkura ne 5?", "reschedule"],
    ["I can't make it friday, is it free to cancel?", "cancel"],
    ["mora dy sms per te njejtin rezervim dhe me hoqen leke dy here", "ticket"],
    ["kam paguar dy here per te njejtin termin", "ticket"],
    ["dasma u shty, s'me duhet me grimi i te shtunes", "cancel"], // the wedding moved, not the booking
    ["the wedding got postponed so I don't need the make-up on saturday anymore", "cancel"],
    ["my flight was delayed, please cancel my massage", "cancel"],
    ["my flight was delayed, I'll be 20 minutes late", "running-late"],
    ["dasma u shty per te dielen, a mund ta shtyj edhe grimin?", "reschedule"],
    ["the reminder SMS had the wrong time on it, please look into it", "ticket"],
    ["sms-i i rikujtimit kishte oren e gabuar", "ticket"],
    ["stop the reminder sms", "notifications"],
    ["kam lene nje cante te Marina Spa dje, si mund ta marr?", "ticket"], // something left behind, asked as a question
    ["I left my jacket at the barber yesterday", "ticket"],
    ["edhe burrin tim ne 9:30 te njejten dite", "book"],
    ["my husband too please, same time", "book"],
    ["spa ne Durres ma anuloi terminin ne minuten e fundit, dua kompensim", "ticket"], // the business cancelled
    ["ma anulo terminin e nesermen", "cancel"],
    ["jam semure dhe s'do vij dot te shtunen, ma anuloni ju lutem", "cancel"], // «anuloni» is no slip of «anuloi»
    ["I never got my deposit back after cancelling", "ticket"],
    ["paradhenia nuk me eshte kthyer", "ticket"],
    ["I want to cancel and get my deposit back", "cancel"],
    ["same again on saturday the 12th?", "book"], // a request asked by its "?" only
    ["how do I book the same again?", "faq"],
    ["dua ta anuloj, a ka kompensim?", "cancel"],
    ["can I bring it in an hour later?", "reschedule"],
    ["dua ta sjell makinen per servis neser", "book"],
    ["kam nje problem me pagesen", "ticket"],
    ["ndihmë", "help"],
    ["përshëndetje", "greeting"],
    ["fillo nga e para", "restart"],
    ["mbrapa", "back"],
    ["tiketat e mia", "my-tickets"],
    ["si mund te anuloj?", "faq"],
    ["a pranoni paypal?", "faq"],
    // A request after a thank-you or a clause of its own is still a request, not a question about how things work.
    ["thanks. can I book a razor shave at Berberi Ardit on Saturday at 11?", "book"],
    ["ok, a mund te rezervoj nje qethje neser?", "book"],
    ["something came up, could we push my consultation to next Monday morning?", "reschedule"],
    ["how can I contact your support team?", "faq"],
    ["thanks, how do I cancel?", "faq"],
    ["can we postpone my massage?", "reschedule"],
    ["ok push it back an hour", "reschedule"],
    ["can I book another one of those for Saturday at the same time?", "book"],
    ["dua te rezervoj perseri te njejten gje edhe per te marten tjeter", "book"],
    ["dua edhe nje pastrim dhembesh menjehere pas vizites", "book"],
    ["dua ta shtyj edhe nje ore", "reschedule"],
    ["book another day", "reschedule"],
    ["can we do the same time next week instead?", "reschedule"],
    ["a mund ta kalojme javen tjeter ne te njejten ore?", "reschedule"],
    ["hey, something came up on thursday. got anything friday evening?", "reschedule"],
    ["me doli nje pune te enjten, a keni gje te premten?", "reschedule"],
    ["me erdhi sms qe termini u anulua por une nuk e anulova", "ticket"],
    ["I got a text saying my booking was cancelled but I never cancelled it", "ticket"],
    ["du me u qeth nsr te Arditi n'ora 10", "book"],
    ["can you move it back 30 minutes", "reschedule"],
    ["ku eshte klinika ku kam terminin?", "my-bookings"],
    ["nuk kam me nevoje per diagnostikimin neser, hiqeni", "cancel"],
    ["hiqe rezervimin e se shtunes", "cancel"],
    ["Can I change my manicure to Thursday, same time?", "reschedule"],
    ["me duhet ta ndryshoj qethjen e se premtes, a ka vend te shtunen ne 12?", "reschedule"],
    ["I was charged twice for the same booking, can someone help?", "ticket"],
    ["a ka vend te shtunen?", "book"],
    ["a e anuloj dot masazhin e se merkures?", "cancel"],
    ["dua te ankohem", "ticket"],
    ["gjuah", "language"], // a typo of a command word is corrected ...
    ["I won't need the hair colouring on Saturday anymore", "cancel"],
    // Another day asked for after saying one cannot come moves the booking.
    ["I can't make it Thursday, any chance for Friday same hour?", "reschedule"],
    ["nuk vij dot te enjten, a ka mundesi te premten?", "reschedule"],
    ["I can't come tomorrow, how about Saturday?", "reschedule"],
    ["nuk vij dot neser", "cancel"],
    // A time or day said as preferred moves it too; «anuloje» with it still cancels.
    ["nuk vij dot neser ne 9, me mire ne 2 pasdite", "reschedule"],
    ["I can't come tomorrow, better on friday", "reschedule"],
    ["nuk vij dot, me mire anuloje", "cancel"],
    // Coming earlier (or later the same day) moves the booking; «sa më shpejt» asks for the first free time.
    ["can I come earlier the same day? like 11?", "reschedule"],
    ["a mund te vij pak me heret?", "reschedule"],
    ["a mund te vij me vone te njejten dite ne 5?", "reschedule"],
    ["kam dhimbje dhembi, dua te vij sa me shpejt", "book"],
    // Another part of the day, or a time «mundësisht», after «më doli diçka» moves too.
    ["me doli dicka te premten ne mengjes, a mund ta bejme pasdite? mundesisht ne 3", "reschedule"],
    ["something came up, could we do it in the afternoon?", "reschedule"],
    ["me doli dicka, anuloje", "cancel"],
    // One more person right after the customer is a booking.
    ["edhe vajzen time te vogel menjehere pas meje", "book"],
    ["and my little boy right after me", "book"],
    // Delaying a booking is a move; being late is not.
    ["a mund ta vonojme gjysme ore?", "reschedule"],
    ["delay it an hour please", "reschedule"],
    ["po vonohem", "running-late"],
    ["sorry, running half an hour behind", "running-late"],
    ["traffic is bad, about 10 minutes behind", "running-late"],
    ["running a bit behind, maybe 10 min, sorry!", "running-late"],
    ["running a bit behind schedule this week, could we do Saturday 2pm instead?", "reschedule"],
    ["fshini numrin tim te telefonit dhe emailin nga sistemi juaj", "privacy"],
    ["delete my phone number and email from your system", "privacy"],
    ["fshi rezervimin", "cancel"],
    ["dua edhe 2 seanca te tjera, te enjten dhe te premten ne te njejten ore", "book"],
    ["can I bring the car a bit earlier, like 4:30?", "reschedule"],
    ["a mund ta bejme dy ore me vone?", "reschedule"],
    ["I changed my mind, let it go", "cancel"],
    ["on second thought, release the spot please", "cancel"],
    ["please cancel, I have to work late today", "cancel"],
    ["kam mbetur ne trafik, vij rreth 20 minuta me vone", "running-late"],
    ["a mund ta shtyjme 30 minuta me vone?", "reschedule"],
    ["forget the appointment, I don't want to pay online", "cancel"],
    ["stuck in traffic, be there soon", "running-late"],
    ["jam ne trafik, vij pak me vone", "running-late"],
    ["can you remind me on whatsapp instead of sms?", "notifications"],
    ["need to move thursday's facial to friday 11am", "reschedule"],
    // A complaint about the price, with the amount said.
    ["the salon charged me 500 lek more than the price in the app", "ticket"],
    ["me moren 500 leke me shume se cmimi ne aplikacion", "ticket"],
    // «the same thing» for another day books it again.
    ["te njejten gje edhe per te premten, por nje ore me vone", "book"],
    ["I'd like to change my rehab session", "reschedule"],
    // «anuloi» is no slip of «anuloj»: the business cancelled, and the deposit is not back.
    ["me kane marre 2000 leke depozite per nje termin qe biznesi e anuloi vete dhe ende nuk me jane kthyer", "ticket"],
    ["depozita nuk me eshte kthyer", "ticket"],
    ["e shita makinen, nuk me duhet me servisi i se martes", "cancel"],
    ["a mund ta bejme ndrrimin e vajit neser, ne te njejten ore?", "reschedule"],
    ["could we do it thursday, same time", "reschedule"],
    ["can you book me a haircut tomorrow same time as last week", "book"],
    ["they made me pay 3500 at Marina Spa but the price in the app said 2000", "ticket"],
    ["e kam qethjen te enjten ne 4, a mund ta kthejme ne 5?", "reschedule"],
    ["nuk po me vjen kodi i verifikimit ne telefon, e provova 3 here", "ticket"],
    ["can you make my blow-dry an hour and a half later?", "reschedule"],
    ["I'd rather come in the afternoon that day, is 3 ok?", "reschedule"],
    ["dua te heq terminin per kontrollin e makines", "cancel"],
    ["erdha te Arditi per terminin e ores 10 dhe me thane qe berberi ishte i semure, askush nuk me lajmeroi", "ticket"],
    ["dua te heq nje dhemb", "book"],
    ["sauna e se enjtes, a mund te behet ne 6 ne mbremje?", "reschedule"],
    ["hi, I need to shift my rehab to Wednesday, any time after 2", "reschedule"],
    ["I work night shift, can I book at 8pm?", "book"],
    ["hi, I booked a sports massage for Thursday but I'd prefer Friday at 6pm instead. possible?", "reschedule"],
    ["the link to pay doesn't open on my phone", "ticket"],
    ["scrap my beard trim on Friday please", "cancel"],
    ["nuk do mund te vij neser ne 6, ma fshini ju lutem", "cancel"],
    ["fshini te dhenat e mia", "privacy"],
    ["I can't make it on Friday", "cancel"],
    // Not coming, and asking what else there is, moves the booking.
    ["I can't make it Thursday morning, is there anything on Friday afternoon?", "reschedule"],
    ["is there anything on Friday?", "book"],
    // A request with a question after it, or asked as a question.
    ["book me an ultrasound therapy at Levizja next Monday, is 3pm ok?", "book"],
    ["mundesh me ma shty rregullimin e mjekres per te enjten ne 10?", "reschedule"],
    ["hi! my blow-dry on Friday, could it be at 5 instead of 3?", "reschedule"],
    ["e anuloni ju lutem kondicionerin e neserm?", "cancel"],
    // "back" of a service is not going back; a business's name alone asks for nothing but itself.
    ["cool, then a back and neck massage at Marina on Friday at noon", "book"],
    ["go back", "back"],
    ["please, how do I cancel?", "faq"],
    ["Can we do my facial an hour earlier?", "reschedule"],
    ["a mund ta bejme qethjen nje ore me heret?", "reschedule"],
    ["I have a tyre change booked on Friday - can I come on Saturday morning instead? 9 would be great", "reschedule"],
    ["hey, please drop my Saturday appointment", "cancel"],
    ["delete my data", "privacy"],
    // A charge complained about goes to staff, though it names a cancelled booking.
    ["I got charged but the booking shows as cancelled", "ticket"],
    // A verb that names a service with its object books it; with a booking's day or time it moves.
    ["a mund te me nderroni gomat te Alba te shtunen heret ne mengjes, ne 8?", "book"],
    ["a mund ta ndrroj daten", "reschedule"],
    ["pedikyrin e se enjtes a mund ta bejme te premten ne te njejten kohe?", "reschedule"],
    ["Lëvizja", "book"],
    // A change asked about for a case supposed is a question; "if possible" with the change asks for it now.
    ["if something comes up, can I reschedule later?", "faq"],
    ["nese me del dicka, a mund ta anuloj me vone?", "faq"],
    ["if possible, can you move my booking to Friday?", "reschedule"],
    ["nëse është e mundur, a mund ta shtyni terminin?", "reschedule"],
    // A complaint goes to staff, though it tells of a booking.
    ["I went to Kalaja yesterday for my appointment and the shop was closed. I want to complain", "ticket"],
    ["dua te bej nje ankese per rezervimin tim", "ticket"],
    // "late afternoon" is a part of the day; "një orë më parë" is earlier.
    ["I'm running late", "running-late"],
    ["a mund ta sjellim qethjen nje ore me pare?", "reschedule"],
    // "mund ta" after the service names a request; after a question word it asks how.
    ["trajtimin e fytyres mund ta kaloj per te enjten ne 3 pasdite?", "reschedule"],
    ["si mund ta anuloj?", "faq"],
    // A day then "instead" moves; "won't be needing" cancels.
    ["could we do the brakes on Friday instead, same time?", "reschedule"],
    ["move the haircut to Friday at the same time", "reschedule"],
    ["I booked a facial for Wednesday but can I make it Thursday at the same time?", "reschedule"],
    // One's own data asked for, messages stopped, a refund asked for or waited for; a refund supposed is a question.
    ["what do you know about me?", "privacy"],
    ["forget me", "privacy"],
    ["nuk dua qe te mbani numrin dhe emailin tim", "privacy"],
    ["I don't want you to keep my number", "privacy"],
    ["çfarë të dhënash keni për mua?", "privacy"],
    ["dua një kopje të të dhënave të mia", "privacy"],
    ["stop sending me messages", "notifications"],
    ["unsubscribe", "notifications"],
    ["mos më shkruani më", "notifications"],
    ["I want a refund", "ticket"],
    ["më erdhi konfirmimi me emër të gabuar", "ticket"],
    ["the confirmation has the wrong name", "ticket"],
    ["where is my refund?", "ticket"],
    ["ku janë paratë e mia?", "ticket"],
    ["can I get a refund if I cancel?", "faq"],
    ["how do you protect my data?", "faq"],
    // Asking to hear when a place frees up is the waiting list; "tell me when you open" is not.
    ["më njoftoni nëse lirohet ndonjë vend të premten", "waitlist"],
    ["dua të hyj në listën e pritjes", "waitlist"],
    ["can you let me know if anyone cancels?", "waitlist"],
    ["put me on the waiting list for Friday", "waitlist"],
    // Someone else's cancel waited for; one's own cancel, or its fee, is not that.
    ["no other day works for me, can you tell me if there's a cancellation?", "waitlist"],
    ["nëse anulon dikush më shkruani", "waitlist"],
    ["nese dikush anulon terminin e tij, me njoftoni", "waitlist"],
    ["let me know if there's a cancellation fee", "ticket"],
    ["a e anulon dot rezervimin tim?", "cancel"],
    ["if someone cancels, let me know", "waitlist"],
    ["a mund të pres në listë?", "waitlist"],
    // Erasing one's data or account is the privacy request, not a cancel.
    ["fshini llogarinë time", "privacy"],
    ["I want you to forget everything about me", "privacy"],
    // One's own booking of a kind of service asked about; moving something to a day said with «kaloni».
    ["when is my massage?", "my-bookings"],
    ["what time is my haircut tomorrow?", "my-bookings"],
    ["where is my refund?", "ticket"],
    ["kaloni gomat për të premten në 9", "reschedule"],
    ["kalojeni terminin për nesër", "reschedule"],
    // How to complain is the complaint itself; specialised help is the staff's, not the help text.
    ["si mund të ankohem për një biznes?", "ticket"],
    ["kam nevojë për ndihmë të specializuar", "ticket"],
    ["kam nevojë për karrocë për nënën time kur të vijmë te spa", "ticket"],
    ["I need a haircut", "book"],
    ["that's a shame. could you ping me if a slot opens up?", "waitlist"],
    ["më shtoni në radhë pritjeje", "waitlist"],
    ["a mund të më lajmëroni nqs liron dikush vendin?", "waitlist"],
    ["aplikacioni nuk më lë të shtoj numrin e telefonit", "ticket"],
    ["close my account please", "privacy"],
    // Asking how to book something named for a day named asks for that booking; without a day it asks how.
    ["qysh mundem me rezervu nji pastrim dhambesh te DentaPlus per t'premten n'ora 9?", "book"],
    ["how do I book a haircut at Ardit on Friday at 9?", "book"],
    ["how do I book a haircut?", "faq"],
    ["si mund te rezervoj?", "faq"],
    ["a mund ta bëjmë qethjen të premten në 4 pasdite në vend të së enjtes?", "reschedule"],
    ["I'd like a massage instead", "book"],
    ["Hi, I sold the car so I won't be needing the oil change on Wednesday", "cancel"],
    // A message that never came goes to staff, as «nuk më erdhi» does; "didn't get a time" is no such thing.
    ["I never got the confirmation email for my booking, and the business says they have no record of it", "ticket"],
    ["the sms never came", "ticket"],
    ["I didn't get a time, can I book?", "book"],
    // "ma kaloni" and a passive "can my … be moved" move a booking.
    ["manikyrin ma kaloni per te enjten ne te njejten kohe ju lutem", "reschedule"],
    ["Hi! Can my sports massage be moved to Saturday at 4pm?", "reschedule"],
    // A card charged with no booking to show for it goes to staff.
    ["Your bot charged my card but I got no booking number", "ticket"],
  ])("%s -> %s", (text, intent) => {
    expect(detectIntent(text, catalog)?.intent).toBe(intent);
  });

  it("reads «late afternoon» and a question about traffic as no request", () => {
    expect(detectIntent("late afternoon", catalog)).toBeNull();
    expect(detectIntent("is there heavy traffic near you on saturdays?", catalog)).toBeNull();
  });

  it("extracts details", () => {
    expect(detectIntent("po vonohem 10 min")).toMatchObject({ intent: "running-late", minutes: 10 });
    expect(detectIntent("english please")).toMatchObject({ intent: "language", lang: "en" });
    expect(detectIntent("dua te berberi nesër në 10", catalog)).toMatchObject({ intent: "book", category: "berber" });
    expect(detectIntent("ndërrim vaji per makinen", catalog)?.category).toBe("auto-servis");
    expect(detectIntent("masazh terapeutik", catalog)?.category).toBe("fizioterapi");
    // A kind of service said apart from a service's words says which: «vizitë» begins the dentists' services.
    expect(detectIntent("dua nje vizite te fizioterapeuti ne Shkoder", catalog)?.category).toBe("fizioterapi");
    // Kinds of service are catalog data: without the catalog, a bare kind of service is no request.
    expect(detectIntent("masazh terapeutik")).toBeNull();
  });

  it("«kids haircut this Saturday» is the children's haircut: «this» after a word does not make it a verb", () => {
    const ardit = [...catalog.businesses.values()].find((b) => b.name === "Berberi Ardit")!;
    const at = (text: string) => catalog.servicesAt(text, ardit.id).map((id) => catalog.services.get(id)?.nameSq);
    expect(at("Can you do a kids haircut this Saturday morning at Ardit? My son is 6")).toEqual(["Prerje për fëmijë"]);
  });

  it("one telling word names a service of the business chosen («dental cleaning»); a kind of service does not", () => {
    const of = (business: string, text: string) => {
      const b = [...catalog.businesses.values()].find((x) => x.name.includes(business))!;
      return catalog.servicesAt(text, b.id).map((id) => catalog.services.get(id)?.nameSq);
    };
    expect(of("DentaPlus", "dental cleaning next Monday at ten thirty")).toEqual(["Pastrim profesional i dhëmbëve"]);
    expect(of("FizioShkodra", "fizioterapi")).toEqual([]);
  });

  it("«my hair coloured» names the hair colouring, not the colour and cut", () => {
    const named = (text: string) => catalog.recognize(text).services.map((id) => catalog.services.get(id)?.nameSq);
    expect(named("I'd like to get my hair coloured")).toEqual(["Ngjyrosje flokësh"]);
    expect(named("can I get my teeth whitened?")).toEqual(["Zbardhim dhëmbësh"]);
  });

  it("a word typed as a catalog word is that word: «makina» (the car) is not «Marina»", () => {
    const seen = catalog.recognize("makina ime ka nevoje per balancim gomash ne Durres");
    expect(seen.businesses).toEqual([]);
    expect(seen.services.map((id) => catalog.services.get(id)?.nameSq)).toEqual(["Balancim gomash"]);
    // A slip of the business's own word still names it.
    expect(catalog.recognize("masazh te Marna").businesses).toEqual(["marina-spa-durres"]);
  });

  it("a service's one head word of four letters names it at its business: «grimin» is «Grim për ceremoni»", () => {
    expect(servicesNamed("Sallon Elegance", "kam dasmë të shtunën, dua të më bëjnë grimin")).toEqual(["Grim për ceremoni"]);
  });

  it("a name typed as it is said names it: «elegans» is Elegance, «manikir» a manicure, «salon» a beauty salon", () => {
    const seen = catalog.recognize("dua nje manikir te sallon elegans pas dy ditesh");
    expect(seen.businesses).toEqual(["sallon-elegance"]);
    expect(seen.services.map((id) => catalog.services.get(id)?.nameSq)).toContain("Manikyr");
    expect(catalog.recognize("a hair cut at salon Elegans on friday").businesses).toEqual(["sallon-elegance"]);
    // Not a sound that only looks alike: «makina» stays the car.
    expect(catalog.recognize("makina ime ne Durres").businesses).toEqual([]);
  });

  it("\"a trim\" at a barber's is a haircut; \"a beard trim\" at Kalaja is the beard's", () => {
    expect(servicesNamed("Berberi Ardit", "need a trim this Friday after work")).toEqual(["Prerje flokësh"]);
    expect(servicesNamed("Berber Kalaja", "a beard trim tomorrow at 10")).toEqual(["Rregullim mjekre"]);
  });

  it("two services said together name the one that does both («qethje dhe mjekër»)", () => {
    const ardit = [...catalog.businesses.values()].find((b) => b.name === "Berberi Ardit")!;
    const at = (text: string) => catalog.servicesAt(text, ardit.id).map((id) => catalog.services.get(id)?.nameSq);
    expect(at("nje qethje dhe mjeker te Arditi pasneser ne 5 pasdite")).toEqual(["Prerje flokësh dhe mjekre"]);
    expect(at("qethje + mjekër nesër")).toEqual(["Prerje flokësh dhe mjekre"]);
    expect(at("nje qethje")).toEqual(["Prerje flokësh"]);
    // Two that no name holds together stay two, for the customer to choose.
    expect(at("qethje dhe rruajtje")).toHaveLength(2);
  });

  it("«a haircut and a beard trim» at a barber's with «Haircut and beard» is that one, though «beard trim» is another barber's service", () => {
    const ardit = [...catalog.businesses.values()].find((b) => b.name === "Berberi Ardit")!;
    const at = (text: string) => catalog.servicesAt(text, ardit.id).map((id) => catalog.services.get(id)?.nameSq);
    expect(at("a haircut and a beard trim at Ardit on Friday at 4pm")).toEqual(["Prerje flokësh dhe mjekre"]);
    expect(at("a haircut at Ardit on Friday")).toEqual(["Prerje flokësh"]);
  });

  it("a haircut for a son or daughter said with a child's age, or as little, is the children's haircut", () => {
    const ardit = [...catalog.businesses.values()].find((b) => b.name === "Berberi Ardit")!;
    const at = (text: string) => catalog.servicesAt(text, ardit.id).map((id) => catalog.services.get(id)?.nameSq);
    expect(at("nje qethje per djalin tim 8 vjec te Arditi")).toEqual(["Prerje për fëmijë"]);
    expect(at("a haircut for my son, he is 7 years old")).toEqual(["Prerje për fëmijë"]);
    expect(at("qethje per vajzen e vogel")).toEqual(["Prerje për fëmijë"]);
    expect(at("qethje per vajzen time te vogel")).toEqual(["Prerje për fëmijë"]);
    // A son of no age said, or a grown one, is not taken for a child.
    expect(at("nje qethje per djalin tim")).toEqual(["Prerje flokësh"]);
    expect(at("a haircut for my son, he is 25 years old")).toEqual(["Prerje flokësh"]);
    // An age said without "years" is read too; a time is not an age.
    expect(at("my daughter, she's 6, needs a haircut")).toEqual(["Prerje për fëmijë"]);
    expect(at("qethje per vajzen, eshte 9")).toEqual(["Prerje për fëmijë"]);
    expect(at("a haircut for my son, it is 5 pm ok?")).toEqual(["Prerje flokësh"]);
  });

  it("the cheapest service asked for is the one of lowest price among those named, or among all", () => {
    const at = servicesNamed;
    expect(at("Marina Spa & Masazh", "the cheapest massage at Marina Spa on Saturday at 11")).toEqual(["Masazh shpine dhe qafe"]);
    expect(at("Sallon Elegance", "cilin keni me te lirin?")).toEqual(["Manikyr"]);
    // Free times are no price; a tie asks.
    expect(at("Sallon Elegance", "a keni ore me te lira te premten?")).toEqual([]);
    expect(at("Berberi Ardit", "the cheapest one")).toEqual([]);
  });

  it("the quickest service asked for is the shortest there; the quickest appointment is a time, not a service", () => {
    const at = servicesNamed;
    expect(at("Klinika Dentare DentaPlus", "the quickest service at DentaPlus for Thursday")).toEqual(["Vizitë dhe konsultë"]);
    expect(at("Klinika Dentare DentaPlus", "shërbimin më të shkurtër")).toEqual(["Vizitë dhe konsultë"]);
    expect(at("Klinika Dentare DentaPlus", "the quickest appointment you have")).toEqual([]);
    expect(at("Klinika Dentare DentaPlus", "terminin më të shpejtin")).toEqual([]);
  });

  it("a service named by its price with the currency is the one of that price there", () => {
    const at = servicesNamed;
    expect(at("Sallon Elegance", "the 2000 lek one")).toEqual(["Prerje dhe fenirim"]);
    expect(at("Sallon Elegance", "ai me 1.500 leke")).toEqual(["Manikyr"]);
    expect(at("Marina Spa & Masazh", "the massage for 3,500 ALL")).toEqual(["Masazh i plotë trupor"]);
    // Two of that price: none is chosen; a number without a currency is no price (it may be a time).
    expect(at("Berberi Ardit", "the 600 lek one")).toEqual([]);
    expect(at("Sallon Elegance", "1500")).toEqual([]);
  });

  it("nails are the manicure, toenails the pedicure, where the business's services say so", () => {
    const at = (text: string) => servicesNamed("Sallon Elegance", text);
    expect(at("I'd like my nails done")).toEqual(["Manikyr"]);
    expect(at("dua te rregulloj thonjte e kembeve")).toEqual(["Pedikyr"]);
  });

  it("a move by days is a move; a business that cancelled, or a deposit wanted back, goes to staff, and «deposit back» is no step back", () => {
    expect(detectIntent("something came up, could we do the oil change the day after at the same time?", catalog)?.intent).toBe("reschedule");
    expect(detectIntent("a week later please", catalog)?.intent).toBe("reschedule");
    expect(detectIntent("Can I swap my Friday appointment to Saturday morning at 10?", catalog)?.intent).toBe("reschedule");
    expect(detectIntent("the salon cancelled on me last minute and I'd like my deposit refunded", catalog)?.intent).toBe("ticket");
    expect(detectIntent("biznesi ma anuloi terminin ne minuten e fundit, dua te m'i ktheni parate", catalog)?.intent).toBe("ticket");
    expect(detectIntent("please cancel it, I'd like my deposit back", catalog)?.intent).toBe("cancel");
    expect(detectIntent("the barber cancelled my appointment last minute", catalog)?.intent).toBe("ticket");
    // The customer's own late cancelling is no complaint about the business.
    expect(detectIntent("I cancelled last minute yesterday", catalog)?.intent).not.toBe("ticket");
    expect(detectIntent("can I book the day after tomorrow?", catalog)?.intent).not.toBe("reschedule");
    // What happened, told after "when" / "kur", is no question: a slot given to someone else goes to staff.
    expect(detectIntent("kur shkova te berberi dikush tjeter kishte orarin tim dhe me kthyen mbrapsht", catalog)?.intent).toBe("ticket");
    expect(detectIntent("when I arrived someone else had my slot and they sent me away", catalog)?.intent).toBe("ticket");
    expect(detectIntent("mbrapsht", catalog)?.intent).toBe("back");
    expect(detectIntent("qethjen e se premtes e dua nje ore me vone", catalog)?.intent).toBe("reschedule");
    expect(detectIntent("can I have my colouring at the same time but on Friday?", catalog)?.intent).toBe("reschedule");
    // «a ka mundësi …» asks for the thing, as «a mund …» does.
    expect(detectIntent("a ka mundesi ta kaloj ne oren 11 te po asaj dite?", catalog)?.intent).toBe("reschedule");
    expect(detectIntent("a ka mundesi te rezervoj nje qethje?", catalog)?.intent).toBe("book");
    expect(detectIntent("nuk e dua me terminin e se enjtes", catalog)?.intent).toBe("cancel");
    // The clinic in Durrës calls its cleaning a scale and polish (an alias of the catalog's).
    expect(servicesNamed("Klinika Dentare Adriatik", "Can I get my teeth cleaned in Durres tomorrow at 11?")).toEqual(["Pastrim i gurëzave"]);
  });

  it("the hair said in another case or in Gheg names the haircut, not the children's one too («pres flokët», «pre flokt»)", () => {
    const at = (text: string) => servicesNamed("Berberi Ardit", text);
    expect(at("dua te me presin floket")).toEqual(["Prerje flokësh"]);
    expect(at("du me i pre flokt te Arditi")).toEqual(["Prerje flokësh"]);
  });

  it("a change asked as «… instead?» or «pak më vonë» moves a booking; a long wait at the visit goes to staff", () => {
    expect(detectIntent("I can't make Friday morning. Saturday at 10 instead?", catalog)?.intent).toBe("reschedule");
    expect(detectIntent("a mund ta bejme pak me vone te njejten dite, rreth ores 2?", catalog)?.intent).toBe("reschedule");
    expect(detectIntent("I can't make Friday", catalog)?.intent).toBe("cancel");
    expect(detectIntent("berberi me la te pres 40 minuta edhe pse kisha termin", catalog)?.intent).toBe("ticket");
    expect(detectIntent("they kept me waiting for an hour at the salon", catalog)?.intent).toBe("ticket");
    expect(detectIntent("we waited for over an hour at the salon", catalog)?.intent).toBe("ticket");
    // Saying one can wait is no complaint.
    expect(detectIntent("mund te pres 10 minuta", catalog)?.intent).not.toBe("ticket");
  });

  it("a fee charged after a cancellation goes to staff, and «charged» names no service; «terminin … e dua të enjten» moves a booking", () => {
    expect(detectIntent("the business charged me a no-show fee but I cancelled 2 days before", catalog)?.intent).toBe("ticket");
    expect(catalog.recognize("the business charged me a no-show fee").services).toEqual([]);
    expect(detectIntent("me vune nje gjobe edhe pse e anulova", catalog)?.intent).toBe("ticket");
    expect(detectIntent("what is the cancellation fee?", catalog)?.intent).toBe("faq");
    expect(detectIntent("terminin e neserm e dua te enjten ne te njejten ore", catalog)?.intent).toBe("reschedule");
  });

  it("common words one letter from a catalog word are not its slips: «message», «times», «tenth»", () => {
    expect(catalog.recognize("can you send me a message when it's done").categories).toEqual([]);
    expect(catalog.recognize("what's 17 times 23").categories).toEqual([]);
    expect(catalog.recognize("my tooth is killing me").services).toEqual([]);
    expect(detectIntent("any chance for Friday?", catalog)?.category).toBeUndefined(); // «chance» is no «change»
    // A slip in a catalog word is still read.
    expect(catalog.recognize("nje masazh relaksuse").categories).toEqual(["spa-masazh"]);
  });

  it("«call me back» is no step back; reminders asked by another way or stopped are the notification settings", () => {
    expect(detectIntent("can a staff member call me back?", catalog)?.intent).toBe("human");
    expect(detectIntent("back", catalog)?.intent).toBe("back");
    expect(detectIntent("I want reminders by email instead of text", catalog)?.intent).toBe("notifications");
    expect(detectIntent("si mund t'i ndal njoftimet?", catalog)?.intent).toBe("notifications");
  });

  it("whom a booking is for is no one to talk to: «for two people», «për dikë tjetër»; «flas me dikë» still is", () => {
    for (const text of ["can I get a massage for one person?", "a haircut for someone else", "nje masazh per dy persona", "dua te rezervoj per dike tjeter"]) {
      expect(detectIntent(text, catalog)?.intent, text).toBe("book");
    }
    for (const text of ["dua te flas me nje njeri", "can I talk to someone?", "a real person please", "dua nje person real", "pls get me someone"]) {
      expect(detectIntent(text, catalog)?.intent, text).toBe("human");
    }
  });

  it("«change my beard trim from Friday to Saturday» moves a booking; «open from Monday to Friday?» does not", () => {
    expect(detectIntent("need to change my beard trim from Friday to Saturday at 10", catalog)?.intent).toBe("reschedule");
    expect(detectIntent("can we go from Friday to Saturday?", catalog)?.intent).toBe("reschedule");
    expect(detectIntent("open from Monday to Friday?", catalog)?.intent).not.toBe("reschedule");
  });

  it("minutesSaid reads a delay in words: a quarter of an hour, «gjysmë ore», «an hour and a half», «ten minutes»", () => {
    expect(minutesSaid("about a quarter of an hour")).toBe(15);
    expect(minutesSaid("nje cerek ore")).toBe(15);
    expect(minutesSaid("gjysmë ore")).toBe(30);
    expect(minutesSaid("an hour")).toBe(60);
    expect(minutesSaid("an hour and a half")).toBe(90);
    expect(minutesSaid("ten minutes")).toBe(10);
    expect(minutesSaid("nja 20 minuta")).toBe(20);
    expect(minutesSaid("at 10")).toBeUndefined();
  });

  it("courtesyOnly: a message that is only a greeting, thanks, goodbye, «wait» or «never mind»; nothing more said", () => {
    expect(courtesyOnly("faleminderit shumë")).toBe("thanks");
    expect(courtesyOnly("ok thanks bye")).toBe("thanks");
    expect(courtesyOnly("prit pak ju lutem")).toBe("hold");
    expect(courtesyOnly("sorry")).toBe("hold");
    expect(courtesyOnly("never mind")).toBe("never-mind");
    expect(courtesyOnly("jo, faleminderit")).toBe("never-mind");
    expect(courtesyOnly("nothing else, thanks")).toBe("never-mind");
    expect(courtesyOnly("mirupafshim")).toBe("bye");
    for (const text of ["thanks, my email is ana@x.com", "sorry I meant friday", "Hi, I am Ana Leka", "Ana Leka", "wait, can I book for friday instead?"]) {
      expect(courtesyOnly(text), text).toBeNull();
    }
  });

  it("a booking named by its day, then «e dua» with another day, is a move: «fenirimin e së premtes e dua të shtunën»", () => {
    expect(detectIntent("fenirimin e se premtes e dua te shtunen ne 10", catalog)?.intent).toBe("reschedule");
    expect(detectIntent("masazhin e të enjtes e dua të premten", catalog)?.intent).toBe("reschedule");
    expect(detectIntent("dua nje fenirim te premten", catalog)?.intent).toBe("book");
  });

  it("«language» told in a problem is no request for another language; «pass this on to your team» asks for staff; «s'dua ta mbaj më» cancels", () => {
    const told = "the reminder SMS came in a language I can't read and at 3am, please pass this on to your team";
    expect(detectIntent(told, catalog)?.intent).toBe("human");
    for (const text of ["gjuha", "english please", "ne anglisht ju lutem", "can you speak English?", "ndrysho gjuhen"]) {
      expect(detectIntent(text, catalog)?.intent, text).toBe("language");
    }
    expect(detectIntent("ju lutem t'ia kaloni stafit", catalog)?.intent).toBe("human");
    expect(detectIntent("a mund ta kaloni per te premten?", catalog)?.intent).toBe("reschedule");
    expect(detectIntent("manikyrin e se marte s'dua ta mbaj me", catalog)?.intent).toBe("cancel");
  });

  it("Gheg infinitives after a wish name the service («du me la e me pre flokt»); «më la të pres» names none", () => {
    const kalaja = [...catalog.businesses.values()].find((b) => b.name === "Berber Kalaja")!;
    expect(catalog.servicesAt("du me la e me pre flokt te Kalaja t'shtunen n'ora 11", kalaja.id).map((id) => catalog.services.get(id)?.nameSq)).toEqual(["Larje dhe prerje"]);
    expect(catalog.recognize("berberi me la te pres 40 minuta").services).toEqual([]);
  });

  it("an article said in another case inside a service's name still names it («një kontroll të përgjithshëm»)", () => {
    const named = catalog.recognize("kam nevoje per nje kontroll te pergjithshem te makines");
    expect(named.services.map((id) => catalog.services.get(id)?.nameSq)).toEqual(["Kontroll i përgjithshëm"]);
  });

  it("«no need for Thursday's …» cancels; reminders that go on after a cancellation go to staff", () => {
    expect(detectIntent("the car's fixed already so no need for Thursday's diagnostics", catalog)?.intent).toBe("cancel");
    expect(detectIntent("your bot keeps sending me reminders for a booking I cancelled", catalog)?.intent).toBe("ticket");
    // Asking for the reminders to go on is no complaint.
    expect(detectIntent("please keep sending me reminders", catalog)?.intent).toBe("notifications");
    expect(detectIntent("me vijne kujtesa per nje termin qe e kam anuluar", catalog)?.intent).toBe("ticket");
  });

  it("a change with a day named, asked only by its «?», is that change; a business with no booking under the name goes to staff", () => {
    expect(detectIntent("masazhin e se merkures e coj per te enjten ne 3?", catalog)?.intent).toBe("reschedule");
    // Asked with a question word it is still a question about how changes go.
    expect(detectIntent("si mund ta ndryshoj nje rezervim me vone?", catalog)?.intent).toBe("faq");
    expect(detectIntent("rezervova online por biznesi me tha qe nuk kishte asnje rezervim me emrin tim", catalog)?.intent).toBe("ticket");
    expect(detectIntent("the salon had no booking under my name", catalog)?.intent).toBe("ticket");
  });

  it("a move asked with «any chance» or «can the …», and a visit that found the place closed", () => {
    expect(detectIntent("my gel manicure on thursday - any chance for the afternoon instead, like 3?", catalog)?.intent).toBe("reschedule");
    expect(detectIntent("Can the brakes job tomorrow be done at 2 instead?", catalog)?.intent).toBe("reschedule");
    expect(detectIntent("I got there at my booked time and the salon was closed", catalog)?.intent).toBe("ticket");
    expect(detectIntent("shkova ne oren e terminit por ishte mbyllur", catalog)?.intent).toBe("ticket");
    expect(detectIntent("nuk kishte njeri kur erdha per terminin", catalog)?.intent).toBe("ticket");
  });

  it("«switch my …», «is it possible to …», «ta lëmë për …» move a booking; a wrong service booked goes to staff", () => {
    expect(detectIntent("can I switch my haircut to 5 pm?", catalog)?.intent).toBe("reschedule");
    expect(detectIntent("is it possible to come on Saturday instead of Friday?", catalog)?.intent).toBe("reschedule");
    expect(detectIntent("diagnostikimin e nesermen mund ta leme per te merkuren ne 10?", catalog)?.intent).toBe("reschedule");
    expect(detectIntent("your bot booked the wrong service for me", catalog)?.intent).toBe("ticket");
  });

  it("«… a mund ta kemi në orën 12?» moves a booking; a confirmation that says another day goes to staff", () => {
    expect(detectIntent("fenirimin e se shtunes a mund ta kemi ne oren 12?", catalog)?.intent).toBe("reschedule");
    expect(detectIntent("rezervova per te shtunen por ne email shkruan te dielen", catalog)?.intent).toBe("ticket");
    expect(detectIntent("I booked for Saturday but the confirmation says Sunday", catalog)?.intent).toBe("ticket");
  });

  it("a price higher than shown goes to staff; «a session» names no service beside a telling word; a business by its street", () => {
    expect(detectIntent("the price at the salon was higher than what you showed me", catalog)?.intent).toBe("ticket");
    expect(detectIntent("cmimi ne sallon ishte me i larte se ai ne aplikacion", catalog)?.intent).toBe("ticket");
    const levizja = [...catalog.businesses.values()].find((b) => b.name.includes("Lëvizja"))!;
    const at = (text: string) => catalog.servicesAt(text, levizja.id).map((id) => catalog.services.get(id)?.nameSq);
    expect(at("nje seance ultratinguj te Levizja")).toEqual(["Terapi me ultratinguj"]);
    expect(at("nje seance te Levizja")).toEqual(["Seancë fizioterapie"]);
    const seen = catalog.recognize("the barber on Rruga e Durresit, haircut, Thursday 2pm");
    expect(seen.businesses).toEqual(["berberi-ardit"]);
    // "Durrësit" of the street is not the city of Durrës.
    expect(seen.cities).toEqual([]);
  });

  it("«tell me when you open» is no waiting-list request", () => {
    expect(detectIntent("tell me when you open", catalog)?.intent).not.toBe("waitlist");
    expect(detectIntent("njoftimet", catalog)?.intent).toBe("notifications");
  });

  it("«change» said as a verb names no car service; a tyre change still does", () => {
    expect(detectIntent("Can I cancel for free if I change my mind?", catalog)?.category).toBeUndefined();
    expect(detectIntent("how do I change my phone number?", catalog)?.category).toBeUndefined();
    expect(detectIntent("can my booking be changed?", catalog)?.category).toBeUndefined();
    expect(detectIntent("I want to change my tyres on Friday", catalog)?.category).toBe("auto-servis");
    expect(detectIntent("a tyre change on Friday", catalog)?.category).toBe("auto-servis");
    // "të tyre" is Albanian for "theirs".
    expect(detectIntent("dua një kopje të tyre", catalog)?.category).toBeUndefined();
    expect(detectIntent("the tyre is flat, can you fix it on Friday?", catalog)?.category).toBe("auto-servis");
  });

  it("«make» is not the make-up alias: «make an appointment» names no kind of service", () => {
    expect(detectIntent("I want to make an appointment", catalog)).toEqual({ intent: "book", confidence: 0.9 });
    expect(detectIntent("can I make a booking for a massage", catalog)?.category).toBe("spa-masazh");
    expect(detectIntent("make up for a wedding", catalog)?.category).toBe("sallon-bukurie");
  });

  it("does not correct a person's name into a command word («Gjura» is not «gjuha»)", () => {
    expect(detectIntent("Tonin Gjura", catalog)).toBeNull();
  });

  it("returns null when unsure", () => {
    for (const text of ["Arben Hoxha", "3", "kush fitoi ndeshjen", "sa eshte ora"]) expect(detectIntent(text), text).toBeNull();
  });
});

describe("detectIntent on the intent fixture sets (sq/en, no diacritics, typos, Gheg)", () => {
  const dir = join(dirname(fileURLToPath(import.meta.url)), "..", "fixtures", "nlu");
  const cases = ["intents.json", "fresh2-intents.json", "fresh3-intents.json", "fresh4-intents.json", "fresh5-intents.json", "fresh6-intents.json"].flatMap(
    (f) => JSON.parse(readFileSync(join(dir, f), "utf8")) as Array<{ text: string; intent: string | null }>,
  );
  it.each(cases.map((c) => [c.text, c.intent] as const))("%s -> %s", (text, intent) => {
    expect(detectIntent(text, catalog)?.intent ?? null).toBe(intent);
  });
});
