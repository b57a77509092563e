// Keeps a bug in one panel from blanking the whole dashboard; resets when `resetKeys` change
// (another locker or range), as Prometheus's ErrorBoundary resets on navigation.
import { Component, type ErrorInfo, type ReactNode } from 'react';

interface Props {
  title: string;
  resetKeys: readonly unknown[];
  children: ReactNode;
}

interface State {
  error: Error | null;
}

export class ErrorBoundary extends Component<Props, State> {
  state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error(`[dashboard] ${this.props.title} failed to render`, error, info.componentStack);
  }

  componentDidUpdate(previous: Props): void {
    const changed = previous.resetKeys.length !== this.props.resetKeys.length
      || previous.resetKeys.some((key, i) => !Object.is(key, this.props.resetKeys[i]));
    if (this.state.error !== null && changed) {
      this.setState({ error: null });
    }
  }

  render(): ReactNode {
    if (this.state.error !== null) {
      return (
        <section className="panel panel-failed" role="alert">
          <h2>{this.props.title}</h2>
          <p className="error">This panel failed: {this.state.error.message}</p>
        </section>
      );
    }
    return this.props.children;
  }
}
