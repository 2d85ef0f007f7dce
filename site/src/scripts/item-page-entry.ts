// Bundle entry of the item pages: the curl command's origin and the "report this image" form.
import { fillOrigin } from './fill-origin.js';
import { initReportForm } from './report.js';

fillOrigin();
initReportForm();
