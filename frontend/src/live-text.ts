/**
 * A pane of streamed plain text (a model's thinking). Each chunk is appended to one text node: never parsed
 * as markup, and no element per chunk. The pane follows the end of the text while the reader is at the end;
 * where the end is gets read at most once an animation frame, not per chunk (reading scrollHeight after each
 * append would force a layout every time).
 */
export class LiveText extends HTMLElement {
  private node?: Text;
  private frame = 0;
  /** Whether the reader is at the end: updated when they scroll, not measured per chunk. */
  private following = true;
  private readonly onScroll = () => {
    this.following = this.scrollTop + this.clientHeight >= this.scrollHeight - 8;
  };

  connectedCallback() {
    this.addEventListener('scroll', this.onScroll, { passive: true });
  }

  disconnectedCallback() {
    this.removeEventListener('scroll', this.onScroll);
    if (this.frame) cancelAnimationFrame(this.frame);
    this.frame = 0;
  }

  /** Adds a chunk at the end, as text. */
  appendText(chunk: string) {
    if (!this.node || this.node.parentNode !== this) {
      this.node = document.createTextNode('');
      this.append(this.node);
    }
    this.node.appendData(chunk);
    if (this.following && !this.frame) {
      this.frame = requestAnimationFrame(() => {
        this.frame = 0;
        if (this.following) this.scrollTop = this.scrollHeight;
      });
    }
  }

  /** Empties the pane for a new stream. */
  clear() {
    this.replaceChildren();
    this.node = undefined;
    this.following = true;
  }
}

customElements.define('live-text', LiveText);

declare global {
  interface HTMLElementTagNameMap {
    'live-text': LiveText;
  }
}
