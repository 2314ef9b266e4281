import type { AppModule } from '../../platform/modules.js';
import { messagesRoutes } from './messages.routes.js';
import { conversationSection, residentConversationView } from './messages.web.js';

/** Messages between a resident and the office per application: cabinet and staff pages, the conversation on the staff and the cabinet's application pages. */
export const messagesModule: AppModule = {
  name: 'messages',
  contribute: (hooks) => {
    hooks.add('applicationSections', conversationSection);
    // The resident's conversation is a section of the cabinet's application page.
    hooks.add('cabinetApplicationSections', {
      name: 'conversation',
      template: 'messages/views/conversation.njk',
      view: (services, req, id) => residentConversationView(services, req, id),
    });
  },
  routes: (services) => messagesRoutes(services),
};
