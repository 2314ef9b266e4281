import { describe, expect, it } from 'vitest';
import { can, canHromadaWide, authorize, authorizeAll, type Actor, type Grant, type Role } from './policy.js';

const H = 1;
const OTHER = 2;
const X = 10;
const Y = 11;
const Z = 20;
const W = 21;

function staff(grants: Partial<Grant>[], over: Partial<Actor> = {}): Actor {
  return {
    kind: 'staff',
    userId: 'u',
    displayName: 'Тест',
    isSuperadmin: false,
    hromadaId: H,
    hromadaName: 'Тестова',
    via: 'session',
    grants: grants.map((g, i) => ({ id: i + 1, hromadaId: H, role: 'worker', agencyId: null, districtId: null, ...g })),
    ...over,
  };
}

describe('can() with district reach', () => {
  const starosta = staff([{ role: 'starosta', districtId: X }]);
  it("allows a record in the grant's district", () => {
    expect(can(starosta, 'registry.read', { hromadaId: H, districtId: X })).toBe(true);
    expect(can(starosta, 'registry.write', { hromadaId: H, districtId: X })).toBe(true);
  });
  it('forbids another district and records with no district', () => {
    expect(can(starosta, 'registry.read', { hromadaId: H, districtId: Y })).toBe(false);
    expect(can(starosta, 'registry.read', { hromadaId: H, districtId: null })).toBe(false);
    expect(can(starosta, 'registry.read', { hromadaId: H })).toBe(false);
  });
  it('forbids actions the role does not have at all', () => {
    expect(can(starosta, 'registry.reveal', { hromadaId: H, districtId: X })).toBe(false);
    expect(can(starosta, 'users.manage')).toBe(false);
    expect(can(starosta, 'audit.search')).toBe(false);
  });
});

describe('can() with agency reach', () => {
  const provider = staff([{ role: 'provider', agencyId: Z }]);
  it("allows records whose agencies include the grant's agency", () => {
    expect(can(provider, 'registry.read', { hromadaId: H, agencyIds: [Z] })).toBe(true);
    expect(can(provider, 'registry.read', { hromadaId: H, agencyIds: [W, Z] })).toBe(true);
  });
  it('forbids records of other agencies or of none', () => {
    expect(can(provider, 'registry.read', { hromadaId: H, agencyIds: [W] })).toBe(false);
    expect(can(provider, 'registry.read', { hromadaId: H, agencyIds: [] })).toBe(false);
    expect(can(provider, 'registry.read', { hromadaId: H })).toBe(false);
    expect(can(provider, 'registry.write', { hromadaId: H, agencyIds: [Z] })).toBe(false);
  });
});

describe('can() across hromadas and kinds of actor', () => {
  it('always forbids another hromada, whatever the role', () => {
    for (const role of ['admin', 'manager', 'worker'] as Role[]) {
      const a = staff([{ role }]);
      expect(can(a, 'registry.read', { hromadaId: OTHER })).toBe(false);
      expect(can(a, 'users.manage', { hromadaId: OTHER })).toBe(false);
    }
    // A grant of another hromada does not count in the current one.
    expect(can(staff([{ role: 'admin', hromadaId: OTHER }]), 'users.manage')).toBe(false);
    // Nor does a superadmin flag reach into the hromada rules.
    expect(can(staff([], { isSuperadmin: true }), 'audit.search')).toBe(false);
  });
  it('never allows residents, anonymous visitors or staff without a current hromada', () => {
    const resident = staff([{ role: 'manager' }], { kind: 'resident' });
    expect(can(resident, 'registry.read', { hromadaId: H })).toBe(false);
    expect(can(resident, 'staff.home')).toBe(false);
    expect(can(null, 'staff.home')).toBe(false);
    expect(can(staff([{ role: 'manager' }], { hromadaId: null }), 'registry.read')).toBe(false);
  });
  it('hromada reach covers any district and agency of that hromada', () => {
    const worker = staff([{ role: 'worker' }]);
    expect(can(worker, 'registry.read', { hromadaId: H, districtId: Y, agencyIds: [W] })).toBe(true);
    expect(can(worker, 'registry.reveal', { hromadaId: H })).toBe(false);
    expect(can(staff([{ role: 'manager' }]), 'registry.reveal', { hromadaId: H })).toBe(true);
  });
  it('admin and manager may search the audit trail; only admin manages users', () => {
    expect(can(staff([{ role: 'admin' }]), 'audit.search')).toBe(true);
    expect(can(staff([{ role: 'manager' }]), 'audit.search')).toBe(true);
    expect(can(staff([{ role: 'manager' }]), 'users.manage')).toBe(false);
    expect(can(staff([{ role: 'admin' }]), 'users.manage')).toBe(true);
  });
});

describe('authorize() and authorizeAll()', () => {
  it('throws unauthenticated without an actor and forbidden without the right', () => {
    expect(() => authorize(null, 'staff.home')).toThrow('unauthenticated');
    expect(() => authorize(staff([{ role: 'worker' }]), 'users.manage')).toThrow('forbidden');
  });
  it('forbids the whole batch when one record is out of reach', () => {
    const starosta = staff([{ role: 'starosta', districtId: X }]);
    expect(() => authorizeAll(starosta, 'registry.read', [{ hromadaId: H, districtId: X }])).not.toThrow();
    expect(() =>
      authorizeAll(starosta, 'registry.read', [
        { hromadaId: H, districtId: X },
        { hromadaId: H, districtId: Y },
      ]),
    ).toThrow('forbidden');
  });
});

describe('can() with a district or agency role whose grant names none (fail closed)', () => {
  const starosta = staff([{ role: 'starosta', districtId: null }]);
  const provider = staff([{ role: 'provider', agencyId: null }]);
  it('reaches no record, not the whole hromada', () => {
    expect(can(starosta, 'registry.read', { hromadaId: H, districtId: X })).toBe(false);
    expect(can(starosta, 'registry.read', { hromadaId: H, districtId: null })).toBe(false);
    expect(can(provider, 'registry.read', { hromadaId: H, agencyIds: [Z] })).toBe(false);
    expect(can(provider, 'assignments.deliver', { hromadaId: H, agencyIds: [Z] })).toBe(false);
  });
  it('does not even allow the action without a record', () => {
    expect(can(starosta, 'registry.read')).toBe(false);
    expect(can(starosta, 'applications.register')).toBe(false);
    expect(can(provider, 'assignments.read')).toBe(false);
  });
  it('keeps the hromada-wide actions of the role', () => {
    expect(can(starosta, 'catalogue.read')).toBe(true);
    expect(can(provider, 'catalogue.read')).toBe(true);
  });
});

describe('canHromadaWide()', () => {
  it('is true only for a grant that reaches the whole hromada for the action', () => {
    expect(canHromadaWide(staff([{ role: 'frontdesk' }]), 'appointments.book')).toBe(true);
    expect(canHromadaWide(staff([{ role: 'starosta', districtId: X }]), 'appointments.book')).toBe(false);
    expect(canHromadaWide(staff([{ role: 'provider', agencyId: Z }]), 'appointments.book')).toBe(false);
  });
  it('is false for a grant of another hromada, a resident and nobody', () => {
    expect(canHromadaWide(staff([{ role: 'frontdesk', hromadaId: OTHER }]), 'appointments.book')).toBe(false);
    expect(canHromadaWide(staff([{ role: 'frontdesk' }], { kind: 'resident' }), 'appointments.book')).toBe(false);
    expect(canHromadaWide(null, 'appointments.book')).toBe(false);
  });
});
