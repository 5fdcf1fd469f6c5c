// The kind an emergency is filed under once the hotlines are given (docs/intake-labelling.md): the
// guide's order applied to where the danger is. A fire, gas or collapse in a shared place or a whole
// building is public; in one flat it is that household's call for help; a person in danger is a
// favour to that person; violence in the open is public, at home family help, between neighbours a
// matter to route; a flat flooded from upstairs is a dispute, flooded by its own pipe a call for help.
// Reads only the words; whether it is an emergency at all is decided before, by emergency.rules.
import type { WishKind } from '../../db/schema/enums.ts';
import { AT_HOME, SHARED_PLACE } from './lexicon/places.ts';
import { NEIGHBOURS } from './lexicon/requests.ts';
import type { EmergencyKind } from './schemas.ts';

const BUILDING = new RegExp(
  `${SHARED_PLACE}|[0-9一二三四五六七八九十]+(?:号楼|栋|幢|单元)(?![0-9一二三四五六七八九十]+(?:楼|层|室|号|0))|对面楼|楼里|整栋|这栋|那栋|building|block|unit \\d`,
);
const HOME = new RegExp(AT_HOME);
// Someone else's flat: the door of the flat next door, the old lady's home across the landing.
const ONE_FLAT = new RegExp(
  `(?:${NEIGHBOURS})[^。！？!?\\n]{0,12}(?:家|门|屋)|neighbou?r'?s (?:door|flat|home|place)|flat next|(?:their|her|his) (?:flat|door|home)|(?:door|flat) of`,
);
const ABUSER =
  /(?:老公|丈夫|爱人|老婆|妻子|前夫|男朋友|儿子|爸|父亲)[^。！？!?\n]{0,8}(?:打|揍|掐|踢)|(?:my|her) (?:husband|wife|partner|boyfriend|ex|son|father)\b.{0,20}(?:hit|beat|hurt|attack)/;
const FIRST_PERSON = /我(?!们)|\bi\b|\bmy\b/;
const FROM_ABOVE = /楼上|upstairs|from above|flat above/;

export function emergencyKindOf(text: string, danger: EmergencyKind): WishKind {
  switch (danger) {
    case 'medical':
      return 'micro_wish';
    case 'violence':
      if (ABUSER.test(text)) return 'family_help';
      if (new RegExp(NEIGHBOURS).test(text)) return 'micro_request';
      return BUILDING.test(text) ? 'public_need' : 'micro_request';
    case 'flooding':
      return FROM_ABOVE.test(text) ? 'micro_request' : 'micro_wish';
    default:
      if (HOME.test(text) && !BUILDING.test(text)) return 'micro_wish';
      if (BUILDING.test(text)) return 'public_need';
      // Nowhere named but the writer acting on it themself: their own flat.
      return ONE_FLAT.test(text) || FIRST_PERSON.test(text) ? 'micro_wish' : 'public_need';
  }
}
