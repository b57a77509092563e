// happy-dom has no canvas: getContext gives null, and Chart.js, which the charts draw with, fails
// on the first update. Imported by the tests of panels with charts, this gives every canvas a 2D
// context that keeps nothing, so Chart.js runs its whole drawing code (axes, ticks, the values'
// formatters) into the void. The tests read what the page writes as text and data-* attributes,
// never pixels.
const noop = () => undefined;
const gradient = { addColorStop: noop };
const textMetrics = { width: 0, actualBoundingBoxAscent: 0, actualBoundingBoxDescent: 0 };

function blankContext(canvas: HTMLCanvasElement): CanvasRenderingContext2D {
  const state: Record<PropertyKey, unknown> = { canvas };
  const methods: Record<PropertyKey, unknown> = {
    measureText: () => textMetrics,
    createLinearGradient: () => gradient,
    createRadialGradient: () => gradient,
    getLineDash: () => [],
    getTransform: () => ({ a: 1, b: 0, c: 0, d: 1, e: 0, f: 0 }),
    isPointInPath: () => false,
  };
  return new Proxy(state, {
    get: (target, key) => (key in target ? target[key] : key in methods ? methods[key] : noop),
    set: (target, key, value) => {
      target[key] = value;
      return true;
    },
  }) as unknown as CanvasRenderingContext2D;
}

const contexts = new WeakMap<HTMLCanvasElement, CanvasRenderingContext2D>();
HTMLCanvasElement.prototype.getContext = function getContext(this: HTMLCanvasElement, kind: string) {
  if (kind !== '2d') {
    return null;
  }
  const context = contexts.get(this) ?? blankContext(this);
  contexts.set(this, context);
  return context;
} as HTMLCanvasElement['getContext'];
