/** Catalog category slugs and the (folded) words that name them, sq and en. */
const CATEGORIES: Array<[string, RegExp]> = [
  ["fizioterapi", /(?:^| )(?:fizio\w*|physio\w*|masazh\w* terapeutik\w*|rehabilit\w*|terapi\w* fizike|dhimbje (?:shpine|qafe|kurrizi))(?= |$)/],
  ["klinike-dentare", /(?:^| )(?:dentist\w*|dhemb\w*|dhamb\w*|dentar\w*|stomatolog\w*|klinik\w* dentar\w*|teeth|tooth|dental|mbushje|plombe|ortodont\w*)(?= |$)/],
  ["berber", /(?:^| )(?:berber\w*|barber\w*|qeth\w*|haircut|rroj|rruaj|rrua\w*|mjekerr\w*|beard|shave)(?= |$)/],
  ["sallon-bukurie", /(?:^| )(?:sallon\w*|salon\w*|bukuri\w*|manikyr\w*|pedikyr\w*|thonj\w*|nails?|manicure|pedicure|grim\w*|make ?up|parukeri\w*|vetull\w*|depilim\w*|beauty|kozmetik\w*|flok\w*|ngjyros\w*)(?= |$)/],
  ["spa-masazh", /(?:^| )(?:spa|masazh\w*|massage\w*|sauna|relaks\w*|wellness)(?= |$)/],
  ["auto-servis", /(?:^| )(?:makin\w*|auto\w*|servis\w*|goma\w*|gomat|vaj\w*|mekanik\w*|car|tyres?|tires?|oil change|garage|garazh\w*|kolaudim\w*|frena\w*)(?= |$)/],
];

/** The catalog category a (normalised) message names, e.g. "dua te berberi" -> "berber". */
export function detectCategory(normalized: string): string | undefined {
  for (const [slug, re] of CATEGORIES) if (re.test(normalized)) return slug;
  return undefined;
}
