// A dashboard card: title, what state its data is in, and its content.
import type { ReactNode } from 'react';
import { formatClock } from '../lib/format.ts';

interface Props {
  title: string;
  className?: string;
  loading?: boolean;
  error?: Error;
  updatedAt?: number;
  actions?: ReactNode;
  children: ReactNode;
  testId?: string;
}

export function Panel({ title, className, loading, error, updatedAt, actions, children, testId }: Props) {
  return (
    <section className={`panel ${className ?? ''}`} data-testid={testId} aria-busy={loading ? 'true' : 'false'}>
      <header className="panel-header">
        <h2>{title}</h2>
        {actions}
        <span className="panel-status">
          {loading && updatedAt === undefined ? 'loading…' : updatedAt !== undefined ? `updated ${formatClock(updatedAt, true)}` : ''}
        </span>
      </header>
      {error && <p className="error" role="alert">{error.message}</p>}
      {children}
    </section>
  );
}
