// Vietnamese names of the codes stored in the database. The glossary is the machines' (machines/domain.ts,
// machines/movement.ts, machines/figures.ts): the words a page shows are the words of the machine's refusals.
// Only what no machine speaks of is named here.
import type { Gender, PersonKind, UnitKind } from "~/generated/prisma/enums.ts";

export {
  AWARD_FORM_LABELS,
  AWARD_TITLE_LABELS,
  AWARD_TITLES_BY_KIND,
  COUNCIL_POSITION_LABELS,
  COMPARATOR_SYMBOLS,
  MOVEMENT_STATE_LABELS,
  NOMINEE_KIND_LABELS,
  ROLE_LABELS,
  SUBJECT_KIND_LABELS,
  awardLabel,
  capitalize,
} from "#machines/index.ts";

export const UNIT_KIND_LABELS: Record<UnitKind, string> = {
  province: "Tỉnh, thành phố",
  district: "Huyện",
  commune: "Xã, phường",
  office: "Văn phòng",
  department: "Bộ phận, ban ngành",
  organisation: "Mặt trận, đoàn thể",
  hamlet: "Ấp, khu phố",
};

export const PERSON_KIND_LABELS: Record<PersonKind, string> = {
  cadre: "cán bộ",
  civil_servant: "công chức",
  part_time_worker: "người hoạt động không chuyên trách",
  worker: "người lao động",
  household: "hộ gia đình",
};

/** How documents and letters address a person: "Ông", "Bà". */
export const HONORIFICS: Record<Gender, string> = { male: "Ông", female: "Bà" };
