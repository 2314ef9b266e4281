import type { AppModule } from '../../platform/modules.js';
import { messagesRoutes } from './messages.routes.js';
import { conversationSection } from './messages.web.js';

/** Messages between a resident and the office per application: cabinet and staff pages, the application page's conversation. */
export const messagesModule: AppModule = {
  name: 'messages',
  contribute: (hooks) => {
    hooks.add('applicationSections', conversationSection);
  },
  routes: (services) => messagesRoutes(services),
};
