/** One table of a report: a heading, column names and rows of text cells. */
export interface ReportSection {
  readonly heading: string;
  readonly columns: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

/** A statistical report (e.g. the quarterly 运行监测 report) as text tables, ready to write. */
export interface ReportDocument {
  readonly title: string;
  readonly subtitle: string;
  /** ISO 8601 instant. */
  readonly generatedAt: string;
  readonly sections: readonly ReportSection[];
}
