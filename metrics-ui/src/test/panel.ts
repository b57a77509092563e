// Finds a dashboard card by its title, as a person scanning the page does.
import { screen } from '@testing-library/react';

export function panel(title: string): HTMLElement {
  const section = screen.getByRole('heading', { name: title }).closest('section');
  if (section === null) {
    throw new Error(`the heading "${title}" is not in a panel`);
  }
  return section;
}
