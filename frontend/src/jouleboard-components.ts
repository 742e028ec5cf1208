// Entry point of the bundle Vaadin loads with @JsModule("context://components/jouleboard-components.js").
import './power-chart';
import './board-chart';
import './live-text';
import './live-tick';
