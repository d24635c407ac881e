/** Loads the report templates (`templates/reports/`) and the shared email layout once. */
import { readTemplate } from '../../mail/template';

/** The report email's templates. */
export interface ReportTemplates {
  layout: string;
  html: string;
  text: string;
}

/** Reads the report templates from a `templates/` directory. */
export async function loadReportTemplates(templatesDir: string): Promise<ReportTemplates> {
  const [layout, html, text] = await Promise.all([
    readTemplate(templatesDir, 'email/layout.html'),
    readTemplate(templatesDir, 'reports/report.html'),
    readTemplate(templatesDir, 'reports/report.txt'),
  ]);
  return { layout, html, text };
}
