// The three test buttons (demo mode only, App.tsx). Each press goes to the dashboard server (/ops),
// which does the signed work; the panel shows the locker's real answer, success or error.
import { useEffect, useState } from 'react';
import { fetchAPI, postOps } from '../api/api.ts';
import type { CleanedUp, CodeSent, DemoParcel } from '../api/responseTypes.ts';
import { Panel } from '../components/Panel.tsx';

type OpName = 'create' | 'code' | 'cleanup';
type OpState = { state: 'idle' | 'running' | 'ok' | 'error'; message: string };

const IDLE: OpState = { state: 'idle', message: '' };

export function TestButtons() {
  const [parcel, setParcel] = useState<DemoParcel | null>(null);
  const [ops, setOps] = useState<Record<OpName, OpState>>({ create: IDLE, code: IDLE, cleanup: IDLE });

  useEffect(() => {
    // A parcel made before a page reload is still the server's demo parcel.
    fetchAPI<{ parcel: DemoParcel | null }>('/ops/demo-parcel').then((reply) => setParcel(reply.parcel), () => undefined);
  }, []);

  const run = async <T,>(name: OpName, path: string, done: (reply: T) => string) => {
    setOps((all) => ({ ...all, [name]: { state: 'running', message: 'working…' } }));
    try {
      const message = done(await postOps<T>(path));
      setOps((all) => ({ ...all, [name]: { state: 'ok', message } }));
    } catch (error) {
      setOps((all) => ({ ...all, [name]: { state: 'error', message: (error as Error).message } }));
    }
  };

  const create = () => run<DemoParcel>('create', '/ops/demo-parcel/create', (made) => {
    setParcel(made);
    setOps((all) => ({ ...all, code: IDLE, cleanup: IDLE }));
    return `Parcel ${made.external_id} (#${made.reservation_id}) is ${made.status} at door ${made.door_id}`;
  });
  const sendCode = () => run<CodeSent>('code', '/ops/demo-parcel/code', (reply) => `The screen says: “${reply.display}”`);
  const cleanUp = () => run<CleanedUp>('cleanup', '/ops/demo-parcel/cleanup', (reply) => {
    setParcel(null);
    return `Parcel #${reply.deleted} deleted; door ${reply.door_id} is ${reply.door_state}`;
  });

  const busy = Object.values(ops).some((op) => op.state === 'running');
  const button = (name: OpName, label: string, action: () => void, disabled: boolean, door?: number) => (
    <li className="op" data-op={name} data-state={ops[name].state} data-door={door}>
      <button type="button" onClick={action} disabled={busy || disabled}>{label}</button>
      <span className={`op-result ${ops[name].state}`} role="status">{ops[name].message}</span>
    </li>
  );

  return (
    <Panel title="Test the locker" testId="test-buttons">
      <p className="small">
        {parcel ? `Demo parcel ${parcel.external_id}, door ${parcel.door_id}` : 'No demo parcel yet.'}
      </p>
      <ul className="ops">
        {button('create', 'Create a demo parcel', create, parcel !== null, parcel?.door_id)}
        {button('code', 'Send its code', sendCode, parcel === null, parcel?.door_id)}
        {button('cleanup', 'Clean up', cleanUp, parcel === null, parcel?.door_id)}
      </ul>
    </Panel>
  );
}
