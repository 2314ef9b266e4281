// Progressive enhancement only: every page works without this file.
// The govuk-frontend components with behaviour that our pages use, one by one (the bundle carries
// only these; see platform/assets.ts).
import {
  Button,
  Checkboxes,
  ErrorSummary,
  FileUpload,
  NotificationBanner,
  Radios,
  SkipLink,
  createAll,
} from 'govuk-frontend';

document.body.classList.add('js-enabled', 'govuk-frontend-supported');
for (const Component of [Button, Checkboxes, ErrorSummary, FileUpload, NotificationBanner, Radios, SkipLink]) {
  createAll(Component);
}
