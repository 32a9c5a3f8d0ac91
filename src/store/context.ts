import { createContext, useContext } from 'react';
import type { LabActions, LabStore } from './lab.ts';

/** The lab a component belongs to: one per page, made by `createLabStore` and given to `<LabProvider>`. */
export const LabContext = createContext<LabStore | null>(null);

export function useLab(): LabStore {
  const lab = useContext(LabContext);
  if (!lab) throw new Error('A lab component was rendered outside <LabProvider>.');
  return lab;
}

/** Everything a person can do in the lab, as plain functions (stable for the lab's life). */
export function useActions(): LabActions {
  return useLab().actions;
}
