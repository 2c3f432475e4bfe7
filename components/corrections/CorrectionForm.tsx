/**
 * The form a person corrects a verdict with, in the card and in the popup: another category, not a
 * bounce, or the address is fine. Plain radio buttons and a select, each labelled.
 */
import { useId, useState, type FormEvent } from 'react';
import type { CorrectionTo } from '../../lib/engine/corrections/index';
import type { CategoryId } from '../../lib/engine/types';
import { PICKABLE_CATEGORIES, categoryName } from './wording';

type Choice = 'category' | 'not-bounce' | 'keep';

const PLAIN_CHOICES: readonly [Choice, string][] = [
  ['keep', 'The address is fine: keep mailing it'],
  ['not-bounce', 'Not a bounce'],
];

export interface CorrectionFormProps {
  /** The engine's category (left out of the choices: picking it would change nothing). */
  engineCategory: CategoryId;
  /** The correction stored now, if any. */
  current: CorrectionTo | null;
  /** Whose verdict: "this bounce" or an address, for the legend. */
  subject: string;
  busy?: boolean;
  onSave(to: CorrectionTo): void;
  onCancel(): void;
}

export function CorrectionForm({
  engineCategory,
  current,
  subject,
  busy,
  onSave,
  onCancel,
}: CorrectionFormProps) {
  const id = useId();
  const choices = PICKABLE_CATEGORIES.filter((c) => c !== engineCategory);
  const [choice, setChoice] = useState<Choice>(
    current === 'not-bounce' || current === 'keep' ? current : current ? 'category' : 'keep',
  );
  const [category, setCategory] = useState<CategoryId>(
    current && current !== 'not-bounce' && current !== 'keep' ? current : choices[0]!,
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSave(choice === 'category' ? category : choice);
  };
  return (
    <form className="bt-fix-form" onSubmit={submit} data-field="correctionForm">
      <fieldset>
        <legend>What is {subject} really?</legend>
        {PLAIN_CHOICES.map(([value, label]) => (
          <div className="bt-fix-option" key={value}>
            <input
              type="radio"
              id={`${id}-${value}`}
              name={`${id}-choice`}
              checked={choice === value}
              onChange={() => setChoice(value)}
            />
            <label htmlFor={`${id}-${value}`}>{label}</label>
          </div>
        ))}
        <div className="bt-fix-option">
          <input
            type="radio"
            id={`${id}-cat`}
            name={`${id}-choice`}
            checked={choice === 'category'}
            onChange={() => setChoice('category')}
          />
          <label htmlFor={`${id}-cat`}>Another category:</label>
          <select
            aria-label="Category"
            value={category}
            onChange={(e) => {
              setCategory(e.target.value as CategoryId);
              setChoice('category');
            }}
          >
            {choices.map((c) => (
              <option key={c} value={c}>
                {categoryName(c)}
              </option>
            ))}
          </select>
        </div>
      </fieldset>
      <div className="bt-fix-buttons">
        <button type="submit" className="bt-button bt-primary" disabled={busy}>
          Save correction
        </button>
        <button type="button" className="bt-button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
