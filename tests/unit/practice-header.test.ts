import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { InvalidValue, isEmailAddress, LIMITS, PRACTICE_HEADER_TEXTS, Workspace } from '../../src/model';
import { createPeers, recordActions } from './helpers';

describe("a practice sheet's header", () => {
  it('is written with every new sheet: period values and a Y.Text for each header text', () => {
    const ws = new Workspace();
    const id = ws.practices.add({ title: 'Port security pact' });
    const raw = ws.doc.getMap('practices').get(id) as Y.Map<unknown>;
    expect(raw.get('periodStart')).toBe('');
    expect(raw.get('periodEnd')).toBe('');
    for (const field of PRACTICE_HEADER_TEXTS) expect(raw.get(field)).toBeInstanceOf(Y.Text);
    expect(ws.practices.read(id)).toMatchObject({ ok: true, repaired: [] });
  });

  it('takes the header when the sheet is added', () => {
    const ws = new Workspace();
    const id = ws.practices.add({
      title: 'Pact',
      periodStart: '2019-03',
      periodEnd: '2023-06',
      partners: 'Port of Rotterdam, Customs',
      contactName: 'Anna de Vries',
      contactEmail: 'anna@rotterdam.nl',
    });
    expect(ws.practices.get(id)).toMatchObject({
      periodStart: '2019-03',
      periodEnd: '2023-06',
      partners: 'Port of Rotterdam, Customs',
      contactName: 'Anna de Vries',
      contactEmail: 'anna@rotterdam.nl',
    });
  });

  it('sets the period in one action, refusing a month that is not one and an end before the start', () => {
    const ws = new Workspace();
    const id = ws.practices.add({ title: 'Pact' });
    const actions = recordActions(ws);
    ws.practices.setPeriod(id, '2019-03', '');
    ws.practices.setPeriod(id, '2019-03', '2019-03');
    expect(ws.practices.get(id)).toMatchObject({ periodStart: '2019-03', periodEnd: '2019-03' });
    expect(() => ws.practices.setPeriod(id, '2019-03', '2019-02')).toThrow(/cannot end \(2019-02\) before it starts \(2019-03\)/);
    expect(() => ws.practices.setPeriod(id, '2019-13', '')).toThrow(InvalidValue);
    expect(() => ws.practices.setPeriod(id, '2019-3', '')).toThrow(/practices\.periodStart/);
    expect(() => ws.practices.setPeriod(id, '', 'March 2019')).toThrow(/practices\.periodEnd/);
    expect(() => ws.practices.add({ title: 'Backwards', periodStart: '2020-01', periodEnd: '2019-12' })).toThrow(/before it starts/);
    expect(ws.practices.get(id)).toMatchObject({ periodStart: '2019-03', periodEnd: '2019-03' });
    expect(actions).toEqual(['practices.period', 'practices.period']);
  });

  it("writes only the end that changed, so a partner's change of the other end survives", () => {
    const { peers, seed: id } = createPeers(2, (ws) => ws.practices.add({ title: 'Pact', periodStart: '2019-01', periodEnd: '2020-01' }));
    peers.partition([0], [1]);
    const a = peers.at(0);
    const b = peers.at(1);
    a.practices.setPeriod(id, '2018-06', '2020-01');
    b.practices.setPeriod(id, '2019-01', '2021-12');
    peers.syncAll();
    for (const ws of [a, b]) expect(ws.practices.get(id)).toMatchObject({ periodStart: '2018-06', periodEnd: '2021-12' });
  });

  it('co-edits partners and contact as texts, each by its smallest change, within their limits', () => {
    const { peers, seed: id } = createPeers(2, (ws) => ws.practices.add({ title: 'Pact', partners: 'Port of Rotterdam' }));
    peers.partition([0], [1]);
    const a = peers.at(0);
    const b = peers.at(1);
    a.practices.headerText(id, 'partners')!.set('Port of Rotterdam, Customs');
    b.practices.headerText(id, 'partners')!.set('Police, Port of Rotterdam');
    const actions = recordActions(a);
    a.practices.headerText(id, 'contactName')!.set('Anna');
    expect(actions).toEqual(['practices.contactName.edit']);
    peers.syncAll();
    expect(a.practices.get(id)!.partners).toBe('Police, Port of Rotterdam, Customs');
    expect(b.practices.get(id)!.partners).toBe(a.practices.get(id)!.partners);
    expect(() => a.practices.add({ title: 'Long', contactEmail: 'x'.repeat(LIMITS.practiceContactEmail + 1) })).toThrow(/255 characters is more than the 254 allowed/);
    expect(() => a.practices.add({ title: 'Long', partners: 'x'.repeat(LIMITS.practicePartners + 1) })).toThrow(/practices\.partners/);
    expect(LIMITS).toMatchObject({ practicePartners: 2_000, practiceContactName: 200, practiceContactEmail: 254 });
  });

  it('reads an older sheet, stored without the header, with every header field empty', () => {
    const ws = new Workspace();
    const id = 'p-old';
    ws.doc.transact(() => {
      const record = new Y.Map<unknown>();
      ws.doc.getMap('practices').set(id, record);
      record.set('id', id);
      record.set('order', 'a0');
      record.set('createdAt', '2021-01-01T00:00:00.000Z');
      record.set('deletedAt', null);
      record.set('title', new Y.Text('An older sheet'));
      record.set('status', 'final');
      record.set('topics', new Y.Map());
    });
    const read = ws.practices.read(id);
    expect(read).toMatchObject({ ok: true, record: { title: 'An older sheet', status: 'final', periodStart: '', periodEnd: '', partners: '', contactName: '', contactEmail: '' } });
    expect(read?.ok && read.repaired).toEqual(expect.arrayContaining(['periodStart', 'periodEnd', 'partners', 'contactName', 'contactEmail']));
    // Its first edit gives the text its Y.Text; its period can be set.
    ws.practices.headerText(id, 'partners')!.set('Customs');
    ws.practices.setPeriod(id, '2020-05', '');
    expect(ws.practices.get(id)).toMatchObject({ partners: 'Customs', periodStart: '2020-05', periodEnd: '' });
  });

  it('reads a period another program wrote wrongly as not given', () => {
    const ws = new Workspace();
    const id = ws.practices.add({ title: 'Pact', periodStart: '2019-03' });
    ws.doc.transact(() => (ws.doc.getMap('practices').get(id) as Y.Map<unknown>).set('periodStart', 'spring 2019'));
    expect(ws.practices.read(id)).toMatchObject({ ok: true, record: { periodStart: '' }, repaired: ['periodStart'] });
  });

  it('tells an e-mail address from other text', () => {
    expect(isEmailAddress('anna@rotterdam.nl')).toBe(true);
    expect(isEmailAddress(' anna.de-vries@gemeente.rotterdam.nl ')).toBe(true);
    expect(isEmailAddress('anna@rotterdam')).toBe(false);
    expect(isEmailAddress('Anna <anna@rotterdam.nl>')).toBe(false);
    expect(isEmailAddress('ask the port office')).toBe(false);
  });
});
