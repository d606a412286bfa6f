import { useCallback, useState } from 'react';

/**
 * Page through a newest-first list that answers a "next" cursor: the cursors of the pages seen
 * so far are kept, so "previous" needs no backwards query.
 */
export function useCursorPages() {
  const [cursors, setCursors] = useState<(number | undefined)[]>([undefined]);
  const index = cursors.length - 1;
  const next = useCallback((cursor: number) => setCursors((c) => [...c, cursor]), []);
  const previous = useCallback(() => setCursors((c) => (c.length > 1 ? c.slice(0, -1) : c)), []);
  const reset = useCallback(() => setCursors([undefined]), []);
  return { cursor: cursors[index], pageNumber: index + 1, next, previous, reset };
}
