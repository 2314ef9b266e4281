import type { Db } from '../../../platform/db.js';
import type { Actor } from '../../../platform/policy.js';
import { FormProblem } from '../form.js';
import type { RequestMeta } from '../admin.audit.js';

export interface SetupBase { db: Db; actor: Actor | null; meta: RequestMeta; hromadaId: number }

export const nameTaken = () => new FormProblem([{ field: 'name', key: 'admin.errors.nameTaken' }]);
