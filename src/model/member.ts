import * as z from 'zod/mini';
import { Collection, baseFields, value, type BaseRecord, type Fields, type Host } from './collection';
import { newId } from './ids';
import { isCountryCode } from './countries';

export const MEMBER_NAME_MAX = 200;

export const MEMBER_KINDS = ['city', 'region', 'association', 'national-forum', 'other'] as const;
export type MemberKind = (typeof MEMBER_KINDS)[number];

export interface Member extends BaseRecord {
  name: string;
  kind: MemberKind;
  /** ISO 3166-1 alpha-2 (one of COUNTRY_CODES), or '' when not given. */
  country: string;
  lead: boolean;
}

export const memberFields: Fields<Member> = {
  ...baseFields,
  name: value(z.string().check(z.minLength(1), z.maxLength(MEMBER_NAME_MAX)), 'Unnamed member'),
  kind: value(z.enum(MEMBER_KINDS), 'other'),
  country: value(z.string().check(z.refine((code) => code === '' || isCountryCode(code))), ''),
  lead: value(z.boolean(), false),
};

export type MemberDraft = Partial<Pick<Member, 'name' | 'kind' | 'country' | 'lead'>>;

export class Members extends Collection<Member> {
  constructor(host: Host) {
    super(host, 'members', memberFields);
  }

  add(draft: MemberDraft & { name: string }, id = newId()): string {
    return this.insertRecord('members.add', id, normalise(draft), this.list({ deleted: 'include' }));
  }

  update(id: string, draft: MemberDraft): void {
    this.patchRecord('members.update', id, normalise(draft));
  }

  move(id: string, index: number): void {
    this.placeRecord('members.move', id, this.list(), index);
  }
}

function normalise(draft: MemberDraft): MemberDraft {
  const result = { ...draft };
  if (result.name !== undefined) result.name = result.name.trim();
  if (result.country !== undefined) result.country = result.country.trim().toUpperCase();
  return result;
}
