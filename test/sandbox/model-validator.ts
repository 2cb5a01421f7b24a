/**
 * Validates responses against the ECS API model (botocore-style service-2.json): every member
 * must be declared by the output shape, required members present, scalars of the right type,
 * enums within their values, timestamps as epoch seconds. Also checks that an error code is one
 * the model lists for the operation.
 *
 * The model is read from $ECS_MODEL_PATH or ../../../shared/reference/aws-models/ (the shared
 * reference next to the checkout). If it is missing, validation is skipped with one warning.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

interface ShapeRef {
  shape: string;
}
interface Shape {
  type: string;
  members?: Record<string, ShapeRef>;
  required?: string[];
  member?: ShapeRef;
  key?: ShapeRef;
  value?: ShapeRef;
  enum?: string[];
}
interface Model {
  operations: Record<string, { output?: ShapeRef; errors?: ShapeRef[] }>;
  shapes: Record<string, Shape>;
}

const defaultPath = fileURLToPath(new URL('../../../shared/reference/aws-models/ecs-2014-11-13-service-2.json', import.meta.url));
const modelPath = process.env.ECS_MODEL_PATH ?? defaultPath;
let model: Model | undefined;
let warned = false;

function loadModel(): Model | undefined {
  if (model) return model;
  if (!existsSync(modelPath)) {
    if (!warned) process.stderr.write(`model-validator: ${modelPath} not found, response validation skipped\n`);
    warned = true;
    return undefined;
  }
  model = JSON.parse(readFileSync(modelPath, 'utf8')) as Model;
  return model;
}

export const modelAvailable = () => loadModel() !== undefined;

function check(m: Model, shapeName: string, value: unknown, path: string, errors: string[]): void {
  const shape = m.shapes[shapeName];
  if (!shape) {
    errors.push(`${path}: unknown shape ${shapeName}`);
    return;
  }
  switch (shape.type) {
    case 'structure': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        errors.push(`${path}: expected object (${shapeName}), got ${JSON.stringify(value)}`);
        return;
      }
      const obj = value as Record<string, unknown>;
      for (const req of shape.required ?? []) {
        if (obj[req] === undefined) errors.push(`${path}.${req}: required member of ${shapeName} missing`);
      }
      for (const [k, v] of Object.entries(obj)) {
        const ref = shape.members?.[k];
        if (!ref) errors.push(`${path}.${k}: not a member of ${shapeName}`);
        else if (v === null) errors.push(`${path}.${k}: null`);
        else if (v !== undefined) check(m, ref.shape, v, `${path}.${k}`, errors);
      }
      return;
    }
    case 'list':
      if (!Array.isArray(value)) errors.push(`${path}: expected list (${shapeName})`);
      else value.forEach((v, i) => check(m, shape.member!.shape, v, `${path}[${i}]`, errors));
      return;
    case 'map':
      if (typeof value !== 'object' || value === null || Array.isArray(value)) errors.push(`${path}: expected map (${shapeName})`);
      else for (const [k, v] of Object.entries(value)) check(m, shape.value!.shape, v, `${path}{${k}}`, errors);
      return;
    case 'string':
      if (typeof value !== 'string') errors.push(`${path}: expected string (${shapeName}), got ${JSON.stringify(value)}`);
      else if (shape.enum && !shape.enum.includes(value)) errors.push(`${path}: '${value}' not in enum ${shapeName} [${shape.enum.join(',')}]`);
      return;
    case 'integer':
    case 'long':
      if (typeof value !== 'number' || !Number.isInteger(value)) errors.push(`${path}: expected ${shape.type}, got ${JSON.stringify(value)}`);
      return;
    case 'double':
    case 'float':
      if (typeof value !== 'number') errors.push(`${path}: expected number, got ${JSON.stringify(value)}`);
      return;
    case 'boolean':
      if (typeof value !== 'boolean') errors.push(`${path}: expected boolean, got ${JSON.stringify(value)}`);
      return;
    case 'timestamp':
      // JSON protocols send epoch seconds; anything outside 2001..2286 is almost certainly ms or a string.
      if (typeof value !== 'number' || value < 1e9 || value >= 1e10) errors.push(`${path}: expected epoch seconds, got ${JSON.stringify(value)}`);
      return;
    case 'blob':
      if (typeof value !== 'string') errors.push(`${path}: expected base64 string`);
      return;
    default:
      errors.push(`${path}: unsupported shape type ${shape.type}`);
  }
}

/** Problems with `output` as a response of `operation` (empty when valid or when the model is unavailable). */
export function validateOutput(operation: string, output: unknown): string[] {
  const m = loadModel();
  if (!m) return [];
  const op = m.operations[operation];
  if (!op) return [`unknown operation ${operation}`];
  const errors: string[] = [];
  if (!op.output) {
    if (output !== undefined && Object.keys(output as object).length > 0) errors.push(`${operation} has no output shape`);
    return errors;
  }
  check(m, op.output.shape, output, operation, errors);
  return errors;
}

/** Problems with an error code returned by `operation`. */
export function validateErrorCode(operation: string, code: string): string[] {
  const m = loadModel();
  if (!m) return [];
  const op = m.operations[operation];
  if (!op) return [`unknown operation ${operation}`];
  const allowed = (op.errors ?? []).map((e) => e.shape);
  return allowed.includes(code) ? [] : [`${operation} does not declare error ${code} (declares ${allowed.join(', ')})`];
}
