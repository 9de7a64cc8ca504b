import { For, Match, Switch, type JSX } from 'solid-js';
import { Dynamic } from 'solid-js/web';
import type { ExportNode } from '../../io/export/document';

/**
 * An export document (src/io/export/document.ts) as HTML: what the print view shows, so a
 * printed sheet says what its Markdown and .docx say.
 */
export function ExportView(props: { doc: ExportNode; class?: string; testId?: string }) {
  return (
    <article class={props.class} data-testid={props.testId}>
      <Blocks nodes={props.doc.content ?? []} />
    </article>
  );
}

function Blocks(props: { nodes: ExportNode[] }) {
  return <For each={props.nodes}>{(node) => <Block node={node} />}</For>;
}

function Block(props: { node: ExportNode }): JSX.Element {
  const node = props.node;
  const children = () => node.content ?? [];
  return (
    <Switch fallback={<Inline nodes={children()} />}>
      <Match when={node.type === 'heading'}>
        <Dynamic component={`h${Math.min(4, Math.max(1, Number(node.attrs?.level) || 1))}`}>
          <Inline nodes={children()} />
        </Dynamic>
      </Match>
      <Match when={node.type === 'paragraph'}>
        <p>
          <Inline nodes={children()} />
        </p>
      </Match>
      <Match when={node.type === 'bullet_list'}>
        <ul>
          <For each={children()}>{(item) => <li><Blocks nodes={item.content ?? []} /></li>}</For>
        </ul>
      </Match>
      <Match when={node.type === 'ordered_list'}>
        <ol>
          <For each={children()}>{(item) => <li><Blocks nodes={item.content ?? []} /></li>}</For>
        </ol>
      </Match>
      <Match when={node.type === 'facts'}>
        <dl class="export-facts">
          <For each={children()}>
            {(fact) => (
              <div data-label={String(fact.attrs?.label ?? '')}>
                <dt>{String(fact.attrs?.label ?? '')}</dt>
                <dd>
                  <Inline nodes={fact.content ?? []} />
                </dd>
              </div>
            )}
          </For>
        </dl>
      </Match>
    </Switch>
  );
}

function Inline(props: { nodes: ExportNode[] }) {
  return (
    <For each={props.nodes}>
      {(node) => {
        if (node.type === 'hard_break') return <br />;
        if (node.type !== 'text') return <Inline nodes={node.content ?? []} />;
        let out: JSX.Element = node.text ?? '';
        const marks = node.marks ?? [];
        if (marks.some((m) => m.type === 'italic')) out = <em>{out}</em>;
        if (marks.some((m) => m.type === 'bold')) out = <strong>{out}</strong>;
        const href = marks.find((m) => m.type === 'link')?.attrs?.href;
        if (typeof href === 'string' && /^(https?:\/\/|mailto:)/i.test(href.trim())) out = <a href={href.trim()} rel="noopener noreferrer" target="_blank">{out}</a>;
        return out;
      }}
    </For>
  );
}
