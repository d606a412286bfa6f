import type { FormInstance } from 'antd';
import { ApiError, errorMessage } from '../../api';

/** The server's refusal of a form: its localised message and the field problems it named. */
export interface ServerRefusal {
  readonly message: string;
  readonly problems: readonly string[];
}

interface ValidationIssue {
  readonly path: string;
  readonly message: string;
}

function issuesOf(e: unknown): ValidationIssue[] {
  if (!(e instanceof ApiError) || typeof e.details !== 'object' || e.details === null) return [];
  const issues = (e.details as { issues?: unknown }).issues;
  return Array.isArray(issues)
    ? issues.filter(
        (i): i is ValidationIssue => typeof i?.path === 'string' && typeof i?.message === 'string',
      )
    : [];
}

function problemsOf(e: unknown): string[] {
  if (!(e instanceof ApiError) || typeof e.details !== 'object' || e.details === null) return [];
  const problems = (e.details as { problems?: unknown }).problems;
  if (!Array.isArray(problems)) return [];
  return problems.map((p) =>
    typeof p === 'string' ? p : typeof p?.message === 'string' ? `${String(p.item ?? '')} ${p.message}` : '',
  );
}

/**
 * Puts the server's validation messages next to the form fields they name (the issue path
 * `content.dataItems.2.code` is the field `['dataItems', 2, 'code']` of a form shaped like the
 * content) and returns the refusal for the summary above the form.
 */
export function showServerErrors(form: FormInstance, e: unknown, pathPrefix = 'content.'): ServerRefusal {
  const issues = issuesOf(e);
  form.setFields(
    issues
      .filter((i) => i.path.startsWith(pathPrefix))
      .map((i) => ({
        name: i.path
          .slice(pathPrefix.length)
          .split('.')
          .map((part) => (/^\d+$/.test(part) ? Number(part) : part)),
        errors: [i.message],
      })),
  );
  return {
    message: errorMessage(e),
    problems: [...issues.map((i) => `${i.path}: ${i.message}`), ...problemsOf(e)],
  };
}
