import type { JSX } from 'solid-js';

/**
 * A translated sentence with markup inside: `text` holds `{{ name }}` placeholders, each replaced
 * by `slots[name]` (a link, a <strong>…), so translators keep the sentence whole in their order.
 */
export function Fill(props: { text: string; slots: Record<string, JSX.Element> }) {
  const parts = () => props.text.split(/\{\{\s*(\w+)\s*\}\}/);
  return <>{parts().map((part, i) => (i % 2 === 1 ? props.slots[part] : part))}</>;
}
