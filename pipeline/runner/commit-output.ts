// The last step of a build or a merge: its report (JSON and HTML) into the output being assembled, then the swap.
import { join } from 'node:path';
import { writeFileAtomic } from '../util/atomic-write.js';
import type { OutputDir } from './output-dir.js';
import { renderReportHtml } from './report-html.js';
import type { BuildReport } from './report.js';

export async function commitWithReport(output: OutputDir, report: BuildReport): Promise<BuildReport> {
  await writeFileAtomic(join(output.tmp, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
  await writeFileAtomic(join(output.tmp, 'report.html'), renderReportHtml(report));
  await output.commit();
  return report;
}
