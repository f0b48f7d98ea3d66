export { recoveryModel, decayModel, twoComponentRecoveryModel, twoComponentDecayModel } from './models';
export type { RecoveryKind, DecayKind } from './models';
export { TRANSIENT_MODELS, TRANSIENT_MODEL_NAMES, DEFAULT_MODEL } from './catalogue';
export type { TransientModelName, TransientModelEntry, Experiment } from './catalogue';
export { fitTransient, transientFitSpec, compareTransientModels, defaultCandidates } from './fitTransient';
export type { TransientInput, TransientModelChoice, FitTransientOptions, TransientFitSpec, TransientComparison } from './fitTransient';
export { linearAmplitudes, timeConstantGrid, bestTimeConstant } from './startValues';
