/**
 * Adapters from the three ways a user states a model (a function, an expression string, a
 * VectorModel) to one internal form: a model bound to its independent-variable data, evaluated
 * for the whole data set at once, with an analytic Jacobian when one exists.
 */
import { ExpressionError, InputError } from '../errors';
import { compileExpression } from './expression';
import type { ScalarJacobian, ScalarModel, VectorModel } from './types';

/** A model with its x data bound: f_i(p) for i < n, parameters in the caller's order. */
export interface BoundModel {
  readonly n: number;
  evaluate(p: Float64Array, out: Float64Array): void;
  /** Values into out and ∂f_i/∂p_j into jac[j*n + i]. */
  jacobian?(p: Float64Array, out: Float64Array, jac: Float64Array): void;
}

/** Independent-variable data: named columns of equal length. */
export type Columns = Record<string, Float64Array>;

/** A model that can be bound to any x data (so the same model draws the dense curve). */
export interface ModelAdapter {
  readonly name: string;
  readonly formula: string;
  readonly units: Readonly<Record<string, string>>;
  bind(columns: Columns): BoundModel;
}

/** `names` are the parameters as the user gave them; the adapter evaluates in that order. */
export function adaptModel(
  model: ScalarModel | string | VectorModel,
  names: readonly string[],
  variables: readonly string[],
  jacobian: ScalarJacobian | undefined,
  source: string,
): ModelAdapter {
  if (typeof model === 'string') return adaptExpression(model, names, variables, source);
  if (typeof model === 'function') return adaptFunction(model, names, jacobian, source);
  return adaptVectorModel(model, names, source);
}

function adaptVectorModel(model: VectorModel, names: readonly string[], source: string): ModelAdapter {
  const order = names.map((name) => {
    const k = model.parameterNames.indexOf(name);
    if (k < 0) {
      throw new InputError(`unknown parameter '${name}' for model ${model.name}`, {
        field: `params.${name}`,
        expected: `one of ${model.parameterNames.join(', ')}`,
        source,
      });
    }
    return k;
  });
  for (const name of model.parameterNames) {
    if (!names.includes(name)) {
      throw new InputError(`missing start value for parameter '${name}' of model ${model.name}`, {
        field: `params.${name}`,
        expected: 'a start value (number or {value, min, max, vary})',
        source,
      });
    }
  }
  const identity = order.every((k, i) => k === i);
  return {
    name: model.name,
    formula: model.formula,
    units: model.units ?? {},
    bind(columns: Columns): BoundModel {
      const x = Object.values(columns)[0];
      const n = x.length;
      const np = names.length;
      const pm = new Float64Array(np);
      const jm = identity ? new Float64Array(0) : new Float64Array(n * np);
      const toModelOrder = (p: Float64Array): Float64Array => {
        if (identity) return p;
        for (let j = 0; j < np; j++) pm[order[j]] = p[j];
        return pm;
      };
      const evalJacobian = model.jacobian?.bind(model);
      return {
        n,
        evaluate: (p, out) => model.evaluate(x, toModelOrder(p), out),
        jacobian: evalJacobian
          ? (p, out, jac) => {
              if (identity) return evalJacobian(x, p, out, jac);
              evalJacobian(x, toModelOrder(p), out, jm);
              for (let j = 0; j < np; j++) jac.set(jm.subarray(order[j] * n, order[j] * n + n), j * n);
            }
          : undefined,
      };
    },
  };
}

function adaptExpression(source_: string, names: readonly string[], variables: readonly string[], source: string): ModelAdapter {
  let compiled;
  try {
    compiled = compileExpression(source_, { variables: [...variables], parameters: [...names] });
  } catch (e) {
    if (e instanceof InputError) throw e.withSource(source);
    throw e;
  }
  const used = compileExpression(source_, { variables: [...variables] }).parameters;
  for (const name of names) {
    if (!used.includes(name)) {
      throw new ExpressionError(`parameter '${name}' does not appear in the expression "${source_}"`, {
        field: `params.${name}`,
        expected: `parameters of the expression: ${used.join(', ') || '(none)'}`,
        source,
      });
    }
  }
  const expr = compiled;
  return {
    name: source_,
    formula: source_,
    units: {},
    bind(columns: Columns): BoundModel {
      const cols = variables.map((v) => columns[v]);
      const n = cols[0].length;
      const nv = cols.length;
      const np = names.length;
      const vars = new Float64Array(nv);
      const grad = new Float64Array(np);
      return {
        n,
        evaluate(p, out) {
          for (let i = 0; i < n; i++) {
            for (let k = 0; k < nv; k++) vars[k] = cols[k][i];
            out[i] = expr.value(vars, p);
          }
        },
        jacobian(p, out, jac) {
          for (let i = 0; i < n; i++) {
            for (let k = 0; k < nv; k++) vars[k] = cols[k][i];
            out[i] = expr.valueAndGradient(vars, p, grad);
            for (let j = 0; j < np; j++) jac[j * n + i] = grad[j];
          }
        },
      };
    },
  };
}

function adaptFunction(model: ScalarModel, names: readonly string[], jacobian: ScalarJacobian | undefined, source: string): ModelAdapter {
  const np = names.length;
  const record: Record<string, number> = {};
  const fill = (p: Float64Array): Record<string, number> => {
    for (let j = 0; j < np; j++) record[names[j]] = p[j];
    return record;
  };
  return {
    name: model.name || 'model',
    formula: model.name ? `${model.name}(x)` : 'f(x)',
    units: {},
    bind(columns: Columns): BoundModel {
      const x = Object.values(columns)[0];
      const n = x.length;
      return {
        n,
        evaluate(p, out) {
          const rec = fill(p);
          for (let i = 0; i < n; i++) out[i] = model(x[i], rec);
        },
        jacobian: jacobian
          ? (p, out, jac) => {
              const rec = fill(p);
              for (let i = 0; i < n; i++) {
                out[i] = model(x[i], rec);
                const g = jacobian(x[i], rec);
                for (let j = 0; j < np; j++) {
                  const d = isArrayLike(g) ? g[j] : g[names[j]];
                  if (typeof d !== 'number') {
                    throw new InputError(`the jacobian function returned no derivative for '${names[j]}'`, {
                      field: 'jacobian',
                      expected: 'an array or a record with one number per parameter',
                      source,
                    });
                  }
                  jac[j * n + i] = d;
                }
              }
            }
          : undefined,
      };
    },
  };
}

function isArrayLike(g: Record<string, number> | ArrayLike<number>): g is ArrayLike<number> {
  return typeof (g as ArrayLike<number>).length === 'number';
}
