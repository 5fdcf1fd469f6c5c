// The shapes of an intake: what a model may answer (a strict wire schema for structured output and a
// lenient reader that clamps anything unexpected to null), and the extraction the conversation uses.
import { z } from 'zod';
import {
  type ServiceType,
  serviceTypes,
  type Urgency,
  urgencies,
  type WishKind,
  wishKinds,
} from '../../db/schema/enums.ts';

export const needKinds = [...wishKinds, 'not_a_need'] as const;
export type NeedKind = (typeof needKinds)[number];

export const forWhoms = ['self', 'family', 'neighbour', 'public'] as const;
export type ForWhom = (typeof forWhoms)[number];

/** What may still be missing from a report; the conversation asks its own question for each. */
export const slots = ['details', 'kind', 'service_type', 'for_whom', 'place'] as const;
export type Slot = (typeof slots)[number];

/** Matters the community cannot take on, each with its own explanation of where to go. */
export const outOfScopeKinds = [
  'cash',
  'loan',
  'big_purchase',
  'lawsuit',
  'diagnosis',
  'hotline_12345',
  'property_management',
  'city_management',
] as const;
export type OutOfScope = (typeof outOfScopeKinds)[number];

export const emergencyKinds = ['fire', 'gas', 'collapse', 'medical', 'violence', 'flooding'] as const;
export type EmergencyKind = (typeof emergencyKinds)[number];

export const TITLE_MAX = 20;
export const DETAILS_MAX = 1000;
const PLACE_MAX = 30;

/** Sent as the response format: every field required, unknowns as null (OpenAI strict mode). */
export const modelOutputSchema = z.object({
  kind: z.enum(needKinds).nullable(),
  service_type: z.enum(serviceTypes).nullable(),
  title: z.string().nullable(),
  details: z.string().nullable(),
  urgency: z.enum(urgencies).nullable(),
  for_whom: z.enum(forWhoms).nullable(),
  building: z.string().nullable(),
  unit: z.string().nullable(),
  out_of_scope: z.enum(outOfScopeKinds).nullable(),
  vague: z.boolean(),
  missing: z.array(z.enum(slots)),
});

const clampedEnum = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values).nullable().catch(null);
const clampedText = (max: number) =>
  z
    .string()
    .transform((s) => [...s].slice(0, max * 4).join(''))
    .nullable()
    .catch(null);

/** Reads whatever a model returned: unknown values become null, unknown fields are dropped. */
export const modelOutputReader = z
  .object({
    kind: clampedEnum(needKinds).default(null),
    service_type: clampedEnum(serviceTypes).default(null),
    title: clampedText(TITLE_MAX).default(null),
    details: clampedText(DETAILS_MAX).default(null),
    urgency: clampedEnum(urgencies).default(null),
    for_whom: clampedEnum(forWhoms).default(null),
    building: clampedText(PLACE_MAX).default(null),
    unit: clampedText(PLACE_MAX).default(null),
    out_of_scope: clampedEnum(outOfScopeKinds).default(null),
    vague: z.boolean().catch(false).default(false),
    missing: z
      .array(z.unknown())
      .catch([])
      .default([])
      .transform((xs) => xs.filter((x): x is Slot => (slots as readonly unknown[]).includes(x))),
  })
  .strip();
export type ModelOutput = z.output<typeof modelOutputReader>;

/** One reading of a resident's message, by the rules or by a model (then clamped and sanitised). */
export type NeedExtraction = {
  kind: NeedKind | null;
  serviceType: ServiceType | null;
  title: string;
  details: string;
  urgency: Urgency;
  forWhom: ForWhom | null;
  building: string | null;
  unit: string | null;
  outOfScope: OutOfScope | null;
  vague: boolean;
  missing: Slot[];
};

export const isWishKind = (k: NeedKind | null | undefined): k is WishKind =>
  k != null && (wishKinds as readonly string[]).includes(k);

export const joinWishInput = z.strictObject({ wishId: z.int().positive() });
export const saveContactPhoneInput = z.strictObject({ phone: z.string().trim().min(5).max(20) });
