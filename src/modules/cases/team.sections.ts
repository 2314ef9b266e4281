/** The case's own section of its page: the multidisciplinary team, its meetings and tasks (`caseSections`). */
import { kyivToday } from '../../platform/dates.js';
import type { CaseSection } from './cases.hooks.js';
import { presentMeeting, presentMember, presentTask } from './team.presenter.js';
import { caseMeetings, caseTasks } from './team.queries.js';

export const teamSection: CaseSection = {
  template: 'cases/views/case-team.njk',
  fields: ['meetings', 'tasks'],
  read: async ({ c, hromadaId, kase, team, canWrite, t }) => {
    const today = kyivToday();
    const tasks = (await caseTasks(c, hromadaId, kase.id)).map((k) => presentTask(k, today));
    return {
      teamMembers: team.map((m) => presentMember(m, t)),
      meetings: (await caseMeetings(c, hromadaId, kase.id)).map(presentMeeting),
      openTasks: tasks.filter((k) => !k.done),
      doneTasks: tasks.filter((k) => k.done),
      canWriteTeam: canWrite,
    };
  },
};
